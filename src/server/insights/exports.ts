import type { Figure, Heatmap, SchoolInsights, TrustInsights } from '../../contracts/insights.ts';
import { formatDay } from '../../domain/format/dates.ts';

/**
 * CSV tables (the PDF reports are in report-pdfs.ts), built from the same responses the dashboards show, so they carry
 * exactly the same suppression: no teacher named, hidden figures say why.
 */

const pct = (x: number | null | undefined) => (x == null ? '' : (x * 100).toFixed(1));

function cell(value: string | number | null | undefined): string {
  let s = value == null ? '' : String(value);
  // Spreadsheet formula injection: a leading = + - @ would be run by Excel.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 with a byte-order mark and CRLF lines, as Excel opens it. */
export function toCsv(
  header: readonly string[],
  rows: readonly (string | number | null)[][],
): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

const FIGURE_HEADER = [
  'Share with most or all pupils (or seen), %',
  'Lower bound, %',
  'Upper bound, %',
  'Mean (counts)',
  'Visits',
  'Not seen',
  'Some pupils',
  'Most pupils',
  'All pupils',
  'Seen',
  'Note',
];

function figureColumns(f: Figure): (string | number | null)[] {
  if (f.status === 'shown') {
    return [
      pct(f.share),
      pct(f.lower),
      pct(f.upper),
      f.mean === null ? '' : f.mean.toFixed(2),
      f.n,
      f.counts.notSeen,
      f.counts.some,
      f.counts.most,
      f.counts.all,
      f.counts.seen,
      '',
    ];
  }
  return [
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    f.status === 'suppressed' ? f.reason : 'No evidence yet',
  ];
}

function heatmapCsv(h: Heatmap): string {
  const rows: (string | number | null)[][] = [];
  for (const c of [...h.cells, ...h.rowTotals, ...h.columnTotals]) {
    rows.push([
      c.row,
      c.column,
      c.status === 'shown' || c.status === 'empty' ? (c.visits ?? 0) : '',
      c.reason ?? '',
    ]);
  }
  return toCsv([h.rowLabel, h.columnLabel, 'Visits', 'Note'], rows);
}

export function schoolCsv(data: SchoolInsights, table: string): string {
  const lensName = new Map(data.lenses.map((l) => [l.key, l.name]));
  switch (table) {
    case 'lenses':
      return toCsv(
        ['Lens', ...FIGURE_HEADER],
        data.lenses.map((l) => [l.name, ...figureColumns(l.figure)]),
      );
    case 'look-fors':
      return toCsv(
        ['Lens', 'Look-for', 'Answer kind', ...FIGURE_HEADER],
        data.lookFors.map((f) => [
          lensName.get(f.lensKey) ?? '',
          f.prompt,
          f.kind,
          ...figureColumns(f.figure),
        ]),
      );
    case 'trend':
      return toCsv(
        ['Look-for', 'Walk date', ...FIGURE_HEADER],
        data.lookFors.flatMap((f) =>
          f.trend.map((p) => [f.prompt, formatDay(p.label), ...figureColumns(p.figure)]),
        ),
      );
    case 'departments':
      return toCsv(
        ['Look-for', 'Department', ...FIGURE_HEADER],
        data.lookFors.flatMap((f) =>
          f.byDepartment.map((p) => [f.prompt, p.label, ...figureColumns(p.figure)]),
        ),
      );
    case 'year-groups':
      return toCsv(
        ['Look-for', 'Year group', ...FIGURE_HEADER],
        data.lookFors.flatMap((f) =>
          f.byYearGroup.map((p) => [f.prompt, p.label, ...figureColumns(p.figure)]),
        ),
      );
    case 'coverage-departments':
      return heatmapCsv(data.coverage.departmentsByYearGroup);
    case 'coverage-days':
      return heatmapCsv(data.coverage.daysByPeriod);
    default: {
      const c = data.coverage.againstCap;
      return c.status === 'shown'
        ? toCsv(
            ['Visits this period', 'Teachers'],
            c.bands.map((b) => [b.label, b.teachers]),
          )
        : toCsv(['Visits this period', 'Teachers'], [[c.reason, '']]);
    }
  }
}

export function trustCsv(data: TrustInsights, table: string): string {
  const schoolName = new Map(data.schools.map((s) => [s.id, s.name]));
  switch (table) {
    case 'lenses':
      return toCsv(
        ['Lens', 'School', ...FIGURE_HEADER],
        data.lenses.flatMap((l) => [
          [l.name, 'Trust (all schools shown)', ...figureColumns(l.trust)],
          ...l.schools.map((s) => [
            l.name,
            schoolName.get(s.schoolId) ?? '',
            ...figureColumns(s.figure),
          ]),
        ]),
      );
    case 'look-fors':
      return toCsv(
        ['Look-for', 'School', ...FIGURE_HEADER],
        data.lookFors.flatMap((f) => [
          [f.prompt, 'Trust (all schools shown)', ...figureColumns(f.trust)],
          ...f.schools.map((s) => [
            f.prompt,
            schoolName.get(s.schoolId) ?? '',
            ...figureColumns(s.figure),
          ]),
        ]),
      );
    case 'support':
      return toCsv(
        [
          'School',
          'Look-for',
          'School share, %',
          'School lower, %',
          'School upper, %',
          'School visits',
          'Rest of trust share, %',
          'Rest lower, %',
          'Rest upper, %',
          'Rest visits',
        ],
        data.support.map((s) => [
          s.schoolName,
          s.prompt,
          pct(s.school.share),
          pct(s.school.lower),
          pct(s.school.upper),
          s.school.n,
          pct(s.restOfTrust.share),
          pct(s.restOfTrust.lower),
          pct(s.restOfTrust.upper),
          s.restOfTrust.n,
        ]),
      );
    case 'pulse':
      return toCsv(
        [
          'School',
          'Review',
          'Want more walks, %',
          'About the same, %',
          'Fewer, %',
          'Want more walks, likely from, %',
          'Want more walks, likely to, %',
          'Staff who answered',
          'Staff',
          'Note',
        ],
        data.pulse.schools.map((s) => [
          s.schoolName,
          s.review ? `${s.review.title} (${s.review.periodLabel})` : '',
          s.walks ? pct(s.walks.more.share) : '',
          s.walks ? pct(s.walks.same.share) : '',
          s.walks ? pct(s.walks.fewer.share) : '',
          s.walks ? pct(s.walks.moreLower) : '',
          s.walks ? pct(s.walks.moreUpper) : '',
          s.review ? s.answered : '',
          s.review ? s.staff : '',
          s.note ?? data.pulse.note ?? '',
        ]),
      );
    default:
      return toCsv(
        [
          'School',
          'Walks due',
          'Walks with records handed in',
          'Visits needing notice',
          'Visits with notice before the visit',
          'Visits recorded',
          'Visits the teacher responded to',
          'Note',
        ],
        data.culture.map((c) => [
          c.schoolName,
          c.walksPlanned,
          c.walksDone,
          c.visitsNeedingNotice,
          c.visitsWithNotice,
          c.responses?.visitsRecorded ?? '',
          c.responses?.visitsResponded ?? '',
          c.responsesNote ?? '',
        ]),
      );
  }
}
