import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartSpec } from './chart-spec.ts';

/**
 * The charts, drawn with Recharts. This module is loaded on demand (React.lazy in ChartBlock), so
 * the charting library is never part of the main or capture bundle. Every chart has a table view
 * beside it; the chart itself is a picture with a text summary for screen readers.
 */
export default function Chart({ spec }: { spec: ChartSpec }) {
  const height = Math.max(120, spec.rows.length * 34 + 50);
  if (spec.kind === 'bars') {
    return (
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={spec.rows} layout="vertical" margin={{ left: 8, right: 24 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={170} />
          <Bar dataKey="value" fill="#2f6f8f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
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
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="label" width={190} />
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
    </ResponsiveContainer>
  );
}
