/**
 * The palette: every node type by category, a search box (Enter adds the first match), and
 * items that add a node on click or Enter, or where they are dropped on the canvas.
 */
import { useMemo, type KeyboardEvent } from "react";
import { useItasca, useItascaStore } from "../store/react";
import { paletteGroups } from "./palette-model";
import { PaletteItem } from "./PaletteItem";
import { useAddAtCentre } from "./use-add-at-centre";

export function Palette() {
  const store = useItascaStore();
  const search = useItasca((state) => state.paletteSearch);
  const groups = useMemo(() => paletteGroups(search), [search]);
  const addAtCentre = useAddAtCentre();

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = groups[0]?.items[0];
    if (event.key === "Enter" && first !== undefined) addAtCentre(first.type);
    if (event.key === "Escape") store.getState().setPaletteSearch("");
  };

  return (
    <aside className="palette" data-testid="palette" aria-label="Node palette">
      <input
        className="palette-search"
        data-testid="palette-search"
        type="search"
        placeholder="Search nodes  ( / )"
        aria-label="Search node types"
        value={search}
        onChange={(event) => store.getState().setPaletteSearch(event.target.value)}
        onKeyDown={onSearchKey}
      />
      <div className="palette-groups">
        {groups.map((group) => (
          <section key={group.category} className="palette-group" data-testid={`palette-group-${group.category}`}>
            <h3 className={`palette-heading palette-heading--${group.category}`}>{group.label}</h3>
            {group.items.map((definition) => (
              <PaletteItem key={definition.type} definition={definition} onAdd={addAtCentre} />
            ))}
          </section>
        ))}
        {groups.length === 0 && <p className="palette-empty">No node type matches “{search}”.</p>}
      </div>
    </aside>
  );
}
