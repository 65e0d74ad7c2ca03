import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, XAxis, YAxis } from 'recharts';
import { type ChartSpec, hiddenNotes, wrapLabel } from './chart-spec.ts';

/**
 * The charts, drawn with Recharts. This module is loaded on demand (React.lazy in ChartBlock), so
 * the charting library is never part of the main or capture bundle. Every chart has a table view
 * beside it; the chart itself is a picture with a text summary for screen readers.
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

/** The width the chart has, followed as the page is resized. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
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

export default function Chart({ spec }: { spec: ChartSpec }) {
  const [ref, measured] = useWidth();
  const width = Math.max(280, measured || 640);
  const axisWidth = Math.round(Math.min(210, Math.max(110, width * 0.4)));
  const maxChars = (axisWidth - 12) / CHAR;
  const lines = new Map(spec.rows.map((r) => [r.label, wrapLabel(r.label, maxChars, MAX_LINES)]));
  const mostLines = Math.max(1, ...[...lines.values()].map((l) => l.length));
  const rowHeight = Math.max(34, mostLines * LINE + 14);
  const height = Math.max(120, spec.rows.length * rowHeight + 50);
  const notes = hiddenNotes(spec);
  const rowNotes = new Map(
    spec.kind === 'interval'
      ? spec.rows.filter((r) => r.share === null).map((r) => [r.label, rowWord(r.note)])
      : [],
  );
  const tick = <LabelTick lines={lines} notes={rowNotes} />;
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

  if (spec.kind === 'bars') {
    return (
      <div ref={ref} className="chart-frame">
        <BarChart
          width={width}
          height={height}
          data={spec.rows}
          layout="vertical"
          margin={{ left: 8, right: 24 }}
        >
          <CartesianGrid horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={axisWidth} tick={tick} interval={0} />
          <Bar dataKey="value" fill="#2f6f8f" isAnimationActive={false} />
        </BarChart>
      </div>
    );
  }
  const data = spec.rows.map((r) => ({
    label: r.label,
    share: r.share === null ? null : Math.round(r.share * 1000) / 10,
    err:
      r.share === null || r.lower === null || r.upper === null
        ? [0, 0]
        : [(r.share - r.lower) * 100, (r.upper - r.share) * 100],
  }));
  return (
    <div ref={ref} className="chart-frame">
      <BarChart
        width={width}
        height={height}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 24, top: 16 }}
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="label" width={axisWidth} tick={tick} interval={0} />
        <Bar dataKey="share" fill="#2f6f8f" isAnimationActive={false}>
          <ErrorBar dataKey="err" direction="x" width={6} stroke="#222" />
        </Bar>
        {spec.reference !== null && spec.reference !== undefined ? (
          <ReferenceLine
            x={Math.round(spec.reference * 1000) / 10}
            stroke="#b3541e"
            strokeDasharray="4 3"
            label={{ value: spec.referenceLabel ?? 'Trust', position: 'top', fontSize: 12 }}
          />
        ) : null}
      </BarChart>
      {legend}
    </div>
  );
}
