import { nice, ticks } from 'd3-array';
import { startTransition, useEffect, useRef, useState } from 'react';
import { type ChartSpec, hiddenNotes, wrapLabel } from './chart-spec.ts';

/**
 * The charts: horizontal bars drawn as plain SVG, with d3-array for the axis ticks. Recharts drew
 * the same pictures, but its 330 KB and its many components per bar made each chart a long task
 * on a slow phone (issue 22: the dashboards' total blocking time). Every chart has a table view
 * beside it; the chart itself is a picture with a text summary for screen readers. The module is
 * still loaded on demand (React.lazy in ChartBlock), so no chart code is in the first bundle.
 *
 * Issue 21: long labels wrap to at most three lines and are cut with "…", the full text in the
 * label's tooltip (and in the table); a row with no bar says why in the chart ("Hidden" or "No
 * evidence yet"), with the reason once under it; a chart with nothing to draw says so instead of
 * an empty frame.
 */

const FONT = 12;
const LINE = 14;
/** Average width of a character of the 12 px system sans-serif, generously rounded up. */
const CHAR = 6.8;
const MAX_LINES = 3;

/**
 * The width the chart has, followed as the page is resized. Read from the ResizeObserver's own
 * report, which comes after layout: asking for the box at once forced a layout for every chart.
 */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      // In a transition: the charts measured in one frame are drawn in slices, not in one
      // long task that holds a tap (issue 22).
      if (entry) startTransition(() => setWidth(Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

type TickProps = {
  lines: Map<string, string[]>;
  notes: Map<string, string>;
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown; index?: number };
};

/** A category label: wrapped lines right-aligned against the axis, the full text as its tooltip. */
function LabelTick({ x = 0, y = 0, payload, lines, notes }: TickProps) {
  const full = String(payload?.value ?? '');
  const shown = lines.get(full) ?? [full];
  const top = Number(y) - ((shown.length - 1) * LINE) / 2;
  const note = notes.get(full);
  return (
    <g className="chart-label">
      <title>{note ? `${full}: ${note}` : full}</title>
      <text x={Number(x) - 6} y={top} textAnchor="end" fontSize={FONT} fill="#0b0c0c">
        {shown.map((line, i) => (
          <tspan key={line} x={Number(x) - 6} dy={i === 0 ? '0.35em' : LINE}>
            {line}
          </tspan>
        ))}
      </text>
      {note ? (
        <text
          className="chart-row-note"
          x={Number(x) + 8}
          y={Number(y)}
          dy="0.35em"
          fontSize={FONT}
          fontStyle="italic"
          fill="#505a5f"
        >
          {note}
        </text>
      ) : null}
    </g>
  );
}

/** The short word in the row where there is no bar. */
const rowWord = (note: string | null | undefined) =>
  note === 'No evidence yet' ? 'No evidence yet' : 'Hidden (see below)';

const BAR = '#2f6f8f';
const INK = '#0b0c0c';
const GRID = '#d0d3d4';
const REFERENCE = '#b3541e';
/** Space under the plot for the axis's numbers. */
const AXIS_BELOW = 30;

type Row = {
  label: string;
  /** The bar's end, in axis units; null draws no bar. */
  value: number | null;
  /** The interval around it, in axis units. */
  interval?: [number, number] | null;
};

type Plot = {
  width: number;
  height: number;
  /** Where the bars start and end, left to right. */
  left: number;
  right: number;
  top: number;
  rowHeight: number;
  /** The axis's domain (from 0) and its ticks. */
  max: number;
  ticks: number[];
  unit: string;
};

const at = (plot: Plot, value: number) =>
  plot.left + (Math.max(0, Math.min(plot.max, value)) / plot.max) * (plot.right - plot.left);

function Axis({ plot }: { plot: Plot }) {
  const bottom = plot.height - AXIS_BELOW;
  return (
    <g className="chart-axis">
      {plot.ticks.map((t) => (
        <g key={t}>
          <line
            x1={at(plot, t)}
            x2={at(plot, t)}
            y1={plot.top}
            y2={bottom}
            stroke={GRID}
            strokeDasharray="3 3"
          />
          <line x1={at(plot, t)} x2={at(plot, t)} y1={bottom} y2={bottom + 6} stroke={INK} />
          <text x={at(plot, t)} y={bottom + 18} textAnchor="middle" fontSize={FONT} fill={INK}>
            {t}
            {plot.unit}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.right} y1={bottom} y2={bottom} stroke={INK} />
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={bottom} stroke={INK} />
    </g>
  );
}

function Bars({
  plot,
  rows,
  lines,
  notes,
}: {
  plot: Plot;
  rows: Row[];
  lines: Map<string, string[]>;
  notes: Map<string, string>;
}) {
  const thickness = Math.min(28, Math.round(plot.rowHeight * 0.6));
  return (
    <g>
      {rows.map((row, i) => {
        const middle = plot.top + i * plot.rowHeight + plot.rowHeight / 2;
        return (
          // Labels can repeat (two look-fors with the same wording): the position keeps them apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for the life of a chart.
          <g key={i}>
            {row.value !== null && row.value > 0 ? (
              <rect
                x={plot.left}
                y={middle - thickness / 2}
                width={at(plot, row.value) - plot.left}
                height={thickness}
                fill={BAR}
              />
            ) : null}
            {row.interval ? (
              <g className="chart-interval" stroke="#222">
                <line
                  x1={at(plot, row.interval[0])}
                  x2={at(plot, row.interval[1])}
                  y1={middle}
                  y2={middle}
                />
                {row.interval.map((end) => (
                  <line
                    key={end}
                    x1={at(plot, end)}
                    x2={at(plot, end)}
                    y1={middle - 3}
                    y2={middle + 3}
                  />
                ))}
              </g>
            ) : null}
            <LabelTick
              x={plot.left}
              y={middle}
              payload={{ value: row.label }}
              lines={lines}
              notes={notes}
            />
          </g>
        );
      })}
    </g>
  );
}

export default function Chart({ spec }: { spec: ChartSpec }) {
  const [ref, measured] = useWidth();
  const width = Math.max(280, measured);
  const axisWidth = Math.round(Math.min(210, Math.max(110, width * 0.4)));
  const maxChars = (axisWidth - 12) / CHAR;
  const lines = new Map(spec.rows.map((r) => [r.label, wrapLabel(r.label, maxChars, MAX_LINES)]));
  const mostLines = Math.max(1, ...[...lines.values()].map((l) => l.length));
  const rowHeight = Math.max(34, mostLines * LINE + 14);
  const notes = hiddenNotes(spec);
  const rowNotes = new Map(
    spec.kind === 'interval'
      ? spec.rows.filter((r) => r.share === null).map((r) => [r.label, rowWord(r.note)])
      : [],
  );
  const nothingDrawn = spec.kind === 'interval' && spec.rows.every((r) => r.share === null);

  const legend =
    notes.length > 0 ? (
      <div className="chart-notes">
        {notes.map((n) => (
          <p key={n.note} className="chart-note">
            <strong>
              {n.note === 'No evidence yet' ? 'No evidence yet' : 'Hidden'}: {n.labels.join(', ')}.
            </strong>{' '}
            {n.note === 'No evidence yet' ? 'No visit has recorded this yet.' : n.note}
          </p>
        ))}
      </div>
    ) : null;

  if (nothingDrawn) {
    return (
      <div ref={ref} className="chart-frame chart-nothing">
        <p className="chart-note">
          <strong>Nothing to draw: no figure here can be shown.</strong>
        </p>
        {legend}
      </div>
    );
  }

  // Drawn once its width is known: one drawing, not a guess redrawn a moment later.
  if (!measured) return <div ref={ref} className="chart-frame" />;

  const percent = (share: number) => Math.round(share * 1000) / 10;
  const rows: Row[] =
    spec.kind === 'bars'
      ? spec.rows.map((r) => ({ label: r.label, value: r.value }))
      : spec.rows.map((r) => ({
          label: r.label,
          value: r.share === null ? null : percent(r.share),
          interval:
            r.share === null || r.lower === null || r.upper === null
              ? null
              : [r.lower * 100, r.upper * 100],
        }));
  // Counts get whole-number ticks from 0 to a round maximum; shares run 0–100 %.
  const most = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const [, max] = spec.kind === 'bars' ? nice(0, most, 5) : [0, 100];
  const axisTicks =
    spec.kind === 'bars'
      ? ticks(0, max, Math.min(5, max)).filter(Number.isInteger)
      : ticks(0, 100, 4);
  const reference = spec.kind === 'interval' ? spec.reference : null;
  const top = spec.kind === 'interval' ? 16 : 6;
  const plot: Plot = {
    width,
    height: top + rows.length * rowHeight + AXIS_BELOW,
    left: 8 + axisWidth,
    right: width - 24,
    top,
    rowHeight,
    max,
    ticks: axisTicks,
    unit: spec.kind === 'interval' ? '%' : '',
  };
  return (
    <div ref={ref} className="chart-frame">
      <svg
        width={plot.width}
        height={plot.height}
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        aria-hidden="true"
      >
        <Axis plot={plot} />
        <Bars plot={plot} rows={rows} lines={lines} notes={rowNotes} />
        {reference !== null && reference !== undefined ? (
          <g className="chart-reference">
            <line
              x1={at(plot, percent(reference))}
              x2={at(plot, percent(reference))}
              y1={top}
              y2={plot.height - AXIS_BELOW}
              stroke={REFERENCE}
              strokeDasharray="4 3"
            />
            <text
              x={at(plot, percent(reference))}
              y={top - 4}
              textAnchor="middle"
              fontSize={FONT}
              fill={INK}
            >
              {spec.kind === 'interval' ? (spec.referenceLabel ?? 'Trust') : ''}
            </text>
          </g>
        ) : null}
      </svg>
      {legend}
    </div>
  );
}
