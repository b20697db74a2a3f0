/** A gallery card's expected calls are the budget meter's figure for the same file: one estimator, not two. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { templateCard } from "../../renderer/files/template-card";
import { createItascaStore } from "../../renderer/store/create-store";
import { selectQueryCost } from "../../renderer/store/selectors";
import { ROOT } from "../helpers/architectures";
import { openDocument, readText } from "./helpers";

const PRESETS = readdirSync(`${ROOT}presets/architectures`).filter((name) => name.endsWith(".itasca.json"));

describe("templateCard", () => {
  it.each(PRESETS)("%s: its graph, and the calls the budget meter shows once it is opened", (file) => {
    const path = `presets/architectures/${file}`;
    const card = templateCard({ id: file, name: file, description: "", text: readText(path) }, null);
    const document = openDocument(path);
    expect(card.graph?.nodes).toHaveLength(document.nodes.length);
    expect(card.graph?.edges).toHaveLength(document.edges.length);
    const meter = selectQueryCost(createItascaStore({ document, fileName: file }).getState());
    expect(card.calls).toBe(meter.calls);
    expect(card.calls).toBeGreaterThan(0);
  });

  it("a file that does not load has no graph and no calls", () => {
    const card = templateCard({ id: "broken.itasca.json", name: "broken", description: "d", text: "{ not json" }, null);
    expect(card).toMatchObject({ name: "broken", description: "d", graph: undefined, calls: undefined });
  });
});
