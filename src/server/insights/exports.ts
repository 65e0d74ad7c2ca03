import PDFDocument from 'pdfkit';
import type { Figure, Heatmap, SchoolInsights, TrustInsights } from '../../contracts/insights.ts';
import { describeTrustPulse } from '../reviews/trust-pulse.ts';

/**
 * CSV tables and PDF reports, built from the same responses the dashboards show, so they carry
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
          f.trend.map((p) => [f.prompt, p.label, ...figureColumns(p.figure)]),
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

// PDF reports (pdfkit, standard Helvetica: no font files shipped).

function describe(f: Figure, kind: string): string {
  if (f.status === 'suppressed') return 'hidden (fewer than the minimum number of teachers)';
  if (f.status === 'empty') return 'no evidence yet';
  if (kind === 'count') return `on average ${f.mean?.toFixed(1) ?? '–'} a visit (${f.n} visits)`;
  const p = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  return `${p(f.share)} of visits (likely between ${p(f.lower)} and ${p(f.upper)}; ${f.n} visits)`;
}

function render(build: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: title, Author: 'Learning Walks' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3);
  doc.font('Helvetica').fontSize(10.5);
}

function bullet(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica').fontSize(10.5).text(`•  ${text}`, { indent: 8 });
}

export function schoolReportPdf(data: SchoolInsights, generatedOn: string): Promise<Buffer> {
  const termName = data.terms.find((t) => t.id === data.termId)?.name ?? 'All terms';
  const title = `Learning walks report: ${data.school.name}, ${termName}`;
  return render((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(title);
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444')
      .text(
        `For governors and the trust board. Produced on ${generatedOn}. No teacher is named in this report, and no figure rests on fewer than ${data.k} teachers: smaller groups are hidden. Figures describe pupils' learning across visits, never an individual teacher.`,
      )
      .fillColor('black');
    heading(doc, 'What the walks found');
    doc.text(
      `${data.visits} visits with records handed in${data.framework ? `, against ${data.framework.name} (version ${data.framework.versionNo})` : ''}.`,
    );
    for (const l of data.lenses)
      bullet(doc, `${l.name}: most or all pupils in ${describe(l.figure, 'lens')}`);
    heading(doc, 'Themes from notes and pupils’ voices');
    const themes = [...data.themes.notes, ...data.themes.studentVoice];
    if (themes.length === 0) doc.text('No theme came up across enough visits yet.');
    for (const t of themes) {
      bullet(doc, `${t.phrase} (${t.visits} visits)`);
      for (const q of t.quotes)
        doc.fontSize(9.5).fillColor('#333').text(`“${q}”`, { indent: 24 }).fillColor('black');
    }
    heading(doc, 'Progress across walks');
    let any = false;
    for (const f of data.lookFors) {
      const shown = f.trend.filter((p) => p.figure.status === 'shown');
      if (shown.length < 2) continue;
      any = true;
      const first = shown[0]!;
      const last = shown.at(-1)!;
      bullet(
        doc,
        `${f.prompt}: ${describe(first.figure, f.kind)} on ${first.label}; ${describe(last.figure, f.kind)} on ${last.label}.`,
      );
    }
    if (!any) doc.text('Not enough walks on the same look-fors yet to show progress.');
    if (data.brightSpots.length > 0) {
      heading(doc, 'Bright spots to share');
      for (const b of data.brightSpots) {
        bullet(
          doc,
          `${b.prompt}: ${Math.round(b.share * 100)}% of ${b.n} visits (at least ${Math.round(b.lower * 100)}%).`,
        );
      }
    }
    heading(doc, 'Actions and their progress');
    const a = data.actions;
    doc.text(
      `${a.done} done, ${a.doing} in progress, ${a.todo} to start; ${a.overdue} past their due date.`,
    );
    for (const t of a.titles)
      bullet(
        doc,
        `${t.title} — ${t.status === 'done' ? 'done' : t.status === 'doing' ? 'in progress' : 'to do'}, due ${t.dueOn}`,
      );
    heading(doc, 'Coverage');
    const cap = data.coverage.againstCap;
    if (cap.status === 'shown') {
      doc.text(`Teachers by number of visits (the agreed cap is ${cap.cap}):`);
      for (const b of cap.bands) bullet(doc, `${b.label}: ${b.teachers} teachers`);
      if (cap.note) doc.text(cap.note);
    } else {
      doc.text(cap.reason);
    }
  }, title);
}

export function trustReportPdf(
  data: TrustInsights,
  trustName: string,
  generatedOn: string,
): Promise<Buffer> {
  const title = `Learning walks across ${trustName}`;
  const schoolName = new Map(data.schools.map((s) => [s.id, s.name]));
  return render((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(title);
    const filters = [data.applied.phase, data.applied.department, data.applied.termName]
      .filter(Boolean)
      .join(', ');
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444')
      .text(
        `For the trust board${filters ? ` (${filters})` : ''}. Produced on ${generatedOn}. No teacher is named and no figure rests on fewer than ${data.k} teachers. Schools are shown side by side to learn from each other, not ranked.`,
      )
      .fillColor('black');
    for (const l of data.lenses) {
      heading(doc, l.name);
      bullet(doc, `Trust: ${describe(l.trust, 'lens')}`);
      for (const s of l.schools)
        bullet(doc, `${schoolName.get(s.schoolId) ?? ''}: ${describe(s.figure, 'lens')}`);
    }
    heading(doc, 'Where targeted support might help');
    if (data.support.length === 0)
      doc.text('No school’s evidence sits clearly below the rest of the trust on any look-for.');
    for (const s of data.support) {
      bullet(
        doc,
        `${s.schoolName}: ${s.prompt} — ${Math.round(s.school.share * 100)}% against ${Math.round(s.restOfTrust.share * 100)}% in the rest of the trust.`,
      );
    }
    heading(doc, 'How the walks are run');
    for (const c of data.culture) {
      bullet(
        doc,
        `${c.schoolName}: ${c.walksDone} of ${c.walksPlanned} walks due have records; prior warning sent for ${c.visitsWithNotice} of ${c.visitsNeedingNotice} visits.`,
      );
    }
    doc.moveDown().text(describeTrustPulse(data.pulse));
  }, title);
}
