// A legend with words: every colour-coded thing on a page says what its colours mean, next to it.
// Items carry a tone class from tokens.css (light-*, sev-*, stream-*) and their label.
export interface LegendItem {
  tone: string;
  label: string;
  /** Optional count shown after the label. */
  n?: number;
}

export function Legend({ items, title, testId }: { items: readonly LegendItem[]; title?: string; testId?: string }) {
  return (
    <div className="legend" data-testid={testId}>
      {title !== undefined && <span>{title}</span>}
      {items.map((i) => (
        <span key={i.tone} className={`legend-item ${i.tone}`}>
          <span className="tone-dot" aria-hidden="true" />
          {i.label}
          {i.n !== undefined && <b>{i.n}</b>}
        </span>
      ))}
    </div>
  );
}
