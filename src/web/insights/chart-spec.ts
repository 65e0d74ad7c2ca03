/** What a chart draws: plain data, so the page can build it without loading the chart library. */
export type ChartSpec =
  | {
      kind: 'interval';
      rows: {
        label: string;
        share: number | null;
        lower: number | null;
        upper: number | null;
        /** Why a row has no bar: the suppression reason, or "No evidence yet". */
        note?: string | null;
      }[];
      /** A reference share, e.g. the trust's figure beside each school's. */
      reference?: number | null;
      referenceLabel?: string;
    }
  | { kind: 'bars'; rows: { label: string; value: number }[] };

/**
 * A label in at most `maxLines` lines of about `maxChars` characters, broken between words (a
 * word longer than a line is cut); the last line ends in "…" when text is left out.
 */
export function wrapLabel(text: string, maxChars: number, maxLines: number): string[] {
  const width = Math.max(4, Math.floor(maxChars));
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i]!;
    if (word.length > width) word = `${word.slice(0, width - 1)}…`;
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    line = '';
    i = words.length;
  }
  if (i < words.length || line) {
    const last = lines[maxLines - 1] ?? '';
    lines[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1).trimEnd() : last}…`;
  }
  return lines;
}

/** The rows without a bar, grouped by why: one line each under the chart. */
export function hiddenNotes(spec: ChartSpec): { note: string; labels: string[] }[] {
  if (spec.kind !== 'interval') return [];
  const byNote = new Map<string, string[]>();
  for (const r of spec.rows) {
    if (r.share !== null) continue;
    const note = r.note ?? 'Hidden';
    byNote.set(note, [...(byNote.get(note) ?? []), r.label]);
  }
  return [...byNote].map(([note, labels]) => ({ note, labels }));
}
