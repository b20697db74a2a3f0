/**
 * The template gallery of a new document: one card per preset in `presets/architectures` (and
 * a blank canvas), each with a preview of its graph, its description and the expected model
 * calls of one query. A card is a button; a long description folds open with its own button.
 */
import { useEffect, useMemo, useState } from "react";
import type { TemplateInfo } from "../../core/api/outputs";
import { formatCalls } from "../canvas/node-summary";
import { useHost } from "../host/context";
import { useItasca } from "../store/react";
import { GraphThumbnail } from "./GraphThumbnail";
import { templateCard, type TemplateCard } from "./template-card";

const BLANK: TemplateInfo = {
  id: "untitled.itasca.json",
  name: "blank",
  description: "An input and an output; add techniques from the palette.",
  text: `${JSON.stringify({ version: 1, name: "untitled", nodes: [{ id: "input", type: "input", params: {}, position: { x: 0, y: 0 } }, { id: "output", type: "output", params: {}, position: { x: 480, y: 0 } }], edges: [] })}\n`,
};

/** Descriptions longer than this are clamped, with a "more" button to read the rest. */
const LONG_DESCRIPTION = 110;

function callsLabel(calls: number | undefined): string {
  if (calls === undefined) return "does not load";
  if (calls === 0) return "no model calls";
  return `≈ ${formatCalls(calls)} call${calls === 1 ? "" : "s"} / query`;
}

function Card({ card, onPick }: { card: TemplateCard; onPick(text: string, fileName: string): void }) {
  const [expanded, setExpanded] = useState(false);
  const long = card.description.length > LONG_DESCRIPTION;
  return (
    <li className="template-card" data-testid={`template-card-${card.name}`}>
      <button type="button" className="template-open" data-testid={`template-${card.name}`} onClick={() => onPick(card.text, card.id)} title={card.description || card.name}>
        {card.graph === undefined ? <span className="graph-thumbnail graph-thumbnail--broken">?</span> : <GraphThumbnail graph={card.graph} label={`${card.name}: ${card.graph.nodes.length} nodes`} testId={`template-thumb-${card.name}`} />}
        <strong className="template-name">{card.name}</strong>
        <span className="template-calls" data-testid={`template-calls-${card.name}`} data-calls={card.calls ?? ""}>
          {callsLabel(card.calls)}
        </span>
      </button>
      {card.description !== "" && (
        <p className={`template-description${long && !expanded ? " template-description--clamped" : ""}`} data-testid={`template-description-${card.name}`} title={card.description}>
          {card.description}
        </p>
      )}
      {long && (
        <button type="button" className="template-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? "less" : "more"}
        </button>
      )}
    </li>
  );
}

export function TemplateGallery({ onPick }: { onPick(text: string, fileName: string): void }) {
  const host = useHost();
  const models = useItasca((state) => state.models);
  const [templates, setTemplates] = useState<readonly TemplateInfo[]>([]);
  useEffect(() => void host["files.templates"]().then((result) => result.ok && setTemplates(result.value)), [host]);
  const cards = useMemo(() => [BLANK, ...templates].map((template) => templateCard(template, models)), [templates, models]);
  return (
    <ul className="template-gallery" data-testid="template-gallery" data-count={templates.length}>
      {cards.map((card) => (
        <Card key={card.id} card={card} onPick={onPick} />
      ))}
    </ul>
  );
}
