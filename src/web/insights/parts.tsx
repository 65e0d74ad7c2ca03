import { type ReactNode, useState } from 'react';
import type { Figure, Heatmap } from '../../contracts/insights.ts';
import { figureText, pct } from './format.ts';

/** A figure's cells in a table row: share, band, visits; a hidden one says why across them. */
export function FigureCells({ figure, kind }: { figure: Figure; kind: string }) {
  if (figure.status !== 'shown') {
    return (
      <td colSpan={3} className="suppressed">
        {figureText(figure, kind)}
      </td>
    );
  }
  return (
    <>
      <td>{kind === 'count' ? (figure.mean?.toFixed(1) ?? '–') : pct(figure.share)}</td>
      <td>{kind === 'count' ? '–' : `${pct(figure.lower)}–${pct(figure.upper)}`}</td>
      <td>{figure.n}</td>
    </>
  );
}

export function FigureHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">Share</th>
        <th scope="col">Likely range (95%)</th>
        <th scope="col">Visits</th>
      </tr>
    </thead>
  );
}

export function FigureTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: { key: string; label: string; figure: Figure; kind: string }[];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <FigureHead first={first} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <FigureCells figure={r.figure} kind={r.kind} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A coverage heatmap as a table: shading by visits, hidden cells marked and explained. */
export function HeatmapTable({ heat }: { heat: Heatmap }) {
  const max = Math.max(1, ...heat.cells.map((c) => c.visits ?? 0));
  const level = (v: number | null) => (v ? Math.min(3, Math.ceil((v / max) * 3)) : 0);
  const cell = (c: Heatmap['cells'][number]) =>
    c.status === 'suppressed' ? (
      <td key={c.column} className="suppressed" title={c.reason ?? ''}>
        hidden<span className="visually-hidden">: {c.reason}</span>
      </td>
    ) : (
      <td key={c.column} className={`shown level-${level(c.visits)}`}>
        {c.visits ?? 0}
      </td>
    );
  return (
    <>
      <table className="heat">
        <caption>
          {heat.title} ({heat.rowLabel.toLowerCase()} by {heat.columnLabel.toLowerCase()})
        </caption>
        <thead>
          <tr>
            <th scope="col">{heat.rowLabel}</th>
            {heat.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">All</th>
          </tr>
        </thead>
        <tbody>
          {heat.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {heat.cells.filter((c) => c.row === r).map(cell)}
              {cell({ ...heat.rowTotals[i]!, column: 'All' })}
            </tr>
          ))}
          <tr>
            <th scope="row">All</th>
            {heat.columnTotals.map(cell)}
            <td />
          </tr>
        </tbody>
      </table>
      {heat.note ? <p className="note">{heat.note}</p> : null}
    </>
  );
}

/**
 * A look-for's drill-down, its tables drawn only once it is opened (issue 22): a dashboard holds
 * one per look-for, closed, and drawing every closed table made the first render's longest task
 * and most of the page's elements.
 */
export function Drilldown({ summary, children }: { summary: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
