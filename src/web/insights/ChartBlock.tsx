import { lazy, type ReactNode, Suspense, useId, useState } from 'react';
import { TableScroll } from '../ui/TableScroll.tsx';
import { useTurn } from '../ui/turns.tsx';
import { type ChartSpec, hiddenNotes } from './chart-spec.ts';

// The charting library loads only when a chart is first shown: not in the main or capture bundle.
const Chart = lazy(() => import('./Chart.tsx'));

/**
 * A chart with its table view and a CSV link. The table is the same data in rows; the button
 * switches between them (the choice is announced), and the CSV holds the table as the server
 * builds it, suppression included.
 */
export function ChartBlock({
  title,
  summary,
  spec,
  table,
  csvHref,
  headingLevel = 3,
}: {
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  summary: string;
  spec: ChartSpec | null;
  table: ReactNode;
  csvHref: string;
  headingLevel?: 2 | 3;
}) {
  const [chosenTable, setAsTable] = useState(spec === null);
  // Tables first, charts after (issue 22): until its turn, a chart shows its table.
  const turn = useTurn(!chosenTable && spec !== null);
  const asTable = chosenTable || !turn;
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // What the chart cannot draw is said in its text alternative too, as the table says it.
  const label = [
    summary,
    ...(spec ? hiddenNotes(spec) : []).map((n) => `${n.labels.join(', ')}: ${n.note}`),
  ].join(' ');
  return (
    <section className="chart-block" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <Heading id={`${id}-title`}>{title}</Heading>
        <div className="chart-actions">
          {spec ? (
            <button
              type="button"
              className="button secondary"
              aria-pressed={asTable}
              onClick={() => setAsTable(!asTable)}
            >
              {asTable ? 'Show as chart' : 'Show as table'}
            </button>
          ) : null}
          <a className="button secondary" href={csvHref} download>
            Download CSV<span className="visually-hidden">: {title}</span>
          </a>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {asTable ? `${title}: showing the table` : `${title}: showing the chart`}
      </p>
      {asTable || !spec ? (
        <TableScroll label={`${title}: table`}>{table}</TableScroll>
      ) : (
        <figure className="chart" role="img" aria-label={label}>
          <Suspense fallback={<p className="status">Loading the chart…</p>}>
            <Chart spec={spec} />
          </Suspense>
        </figure>
      )}
    </section>
  );
}
