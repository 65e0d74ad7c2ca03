import type { Figure } from '../../contracts/insights.ts';

export const pct = (x: number | null | undefined) => (x == null ? '–' : `${Math.round(x * 100)}%`);

/** A figure in words: share, band and visits; or why it is hidden. */
export function figureText(f: Figure, kind: string): string {
  if (f.status === 'suppressed') return f.reason;
  if (f.status === 'empty') return 'No evidence yet';
  if (kind === 'count') return `${f.mean?.toFixed(1) ?? '–'} a visit (${f.n} visits)`;
  return `${pct(f.share)} (likely ${pct(f.lower)}–${pct(f.upper)}), ${f.n} visits`;
}

export const kindLabel: Record<string, string> = {
  prevalence: 'Most or all pupils',
  seen: 'Seen',
  count: 'Average count',
  lens: 'Most or all pupils',
};

export function intervalRow(label: string, f: Figure) {
  return f.status === 'shown'
    ? { label, share: f.share, lower: f.lower, upper: f.upper }
    : {
        label,
        share: null,
        lower: null,
        upper: null,
        note: f.status === 'suppressed' ? f.reason : 'No evidence yet',
      };
}

/** A query string from the filters that are set. */
export function queryOf(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
