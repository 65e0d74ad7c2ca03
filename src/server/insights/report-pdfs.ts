import type { Figure, SchoolInsights, TrustInsights } from '../../contracts/insights.ts';
import { formatDay } from '../../domain/format/dates.ts';
import { banner, type Column, heading, paragraph, renderReport, table } from './pdf-layout.ts';

/**
 * The PDF reports for governors and the trust board (issue 21: laid out as reports, with the
 * trust's name, headings and tables). Built from the same responses the dashboards show, so
 * they carry the same suppression: no teacher named; hidden figures are said once, with why.
 */

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** A figure's cells: the share (or mean), its likely range, and the visits behind it. */
function figureCells(f: Figure, kind: string): [string, string, string] {
  if (f.status === 'suppressed') return ['Hidden', '', ''];
  if (f.status === 'empty') return ['No evidence yet', '', ''];
  if (kind === 'count') return [`${f.mean?.toFixed(1) ?? '–'} a visit`, '', String(f.n)];
  return [pct(f.share), `${pct(f.lower)} to ${pct(f.upper)}`, String(f.n)];
}

const FIGURE_COLUMNS: Column[] = [
  { header: 'Most or all pupils', width: 1.2, align: 'right' },
  { header: 'Likely between', width: 1.4, align: 'right' },
  { header: 'Visits', width: 0.7, align: 'right' },
];

/** The hidden-figure rule, said once under a table rather than in every row. */
function hiddenNote(k: number, figures: Figure[]): string | null {
  const hidden = figures.filter((f) => f.status === 'suppressed').length;
  if (hidden === 0) return null;
  return `${hidden === figures.length ? 'Every figure here is' : `${hidden} ${hidden === 1 ? 'figure is' : 'figures are'}`} hidden: each rests on fewer than ${k} teachers, so showing it could point to an individual.`;
}

/** A table of figures, or one sentence when every figure is hidden or empty. */
function figureTable(
  doc: PDFKit.PDFDocument,
  k: number,
  first: string,
  rows: { label: string; figure: Figure; kind: string }[],
) {
  const figures = rows.map((r) => r.figure);
  if (figures.length > 0 && figures.every((f) => f.status !== 'shown')) {
    paragraph(
      doc,
      figures.some((f) => f.status === 'suppressed')
        ? `Every figure here is hidden: each rests on fewer than ${k} teachers, so showing it could point to an individual.`
        : 'No evidence yet.',
    );
    return;
  }
  table(
    doc,
    [{ header: first, width: 3 }, ...FIGURE_COLUMNS],
    rows.map((r) => [r.label, ...figureCells(r.figure, r.kind)]),
  );
  const note = hiddenNote(k, figures);
  if (note) paragraph(doc, note, { muted: true });
}

export function schoolReportPdf(
  data: SchoolInsights,
  trustName: string,
  generatedOn: string,
): Promise<Buffer> {
  const termName = data.terms.find((t) => t.id === data.termId)?.name ?? 'All terms';
  const title = `Learning walks report: ${data.school.name}`;
  return renderReport({ title, trustName }, (doc) => {
    banner(doc, trustName, title, [
      `${termName}${data.framework ? ` · ${data.framework.name} (version ${data.framework.versionNo})` : ''}`,
      `For governors and the trust board. Produced on ${formatDay(generatedOn)}.`,
    ]);
    paragraph(
      doc,
      `No teacher is named in this report, and no figure rests on fewer than ${data.k} teachers: smaller groups are hidden. Figures describe pupils' learning across visits, never an individual teacher.`,
      { muted: true },
    );

    heading(doc, 'What the walks found');
    paragraph(doc, `${data.visits} visits with records handed in.`);
    figureTable(
      doc,
      data.k,
      'Lens',
      data.lenses.map((l) => ({ label: l.name, figure: l.figure, kind: 'lens' })),
    );

    heading(doc, 'Themes from notes and pupils’ voices');
    const themes = [...data.themes.notes, ...data.themes.studentVoice];
    if (themes.length === 0) paragraph(doc, 'No theme came up across enough visits yet.');
    else
      table(
        doc,
        [
          { header: 'Theme', width: 1.6 },
          { header: 'Visits', width: 0.6, align: 'right' },
          { header: 'In their words', width: 3.4 },
        ],
        themes.map((t) => [t.phrase, String(t.visits), t.quotes.map((q) => `“${q}”`).join('\n')]),
      );

    heading(doc, 'Progress across walks');
    const progress = data.lookFors.flatMap((f) => {
      const shown = f.trend.filter((p) => p.figure.status === 'shown');
      if (shown.length < 2) return [];
      const [first, last] = [shown[0]!, shown.at(-1)!];
      const at = (p: typeof first) => `${figureCells(p.figure, f.kind)[0]} (${formatDay(p.label)})`;
      return [[f.prompt, at(first), at(last)]];
    });
    if (progress.length === 0)
      paragraph(doc, 'Not enough walks on the same look-fors yet to show progress.');
    else
      table(
        doc,
        [
          { header: 'Look-for', width: 3 },
          { header: 'First walk', width: 1.5 },
          { header: 'Latest walk', width: 1.5 },
        ],
        progress,
      );

    if (data.brightSpots.length > 0) {
      heading(doc, 'Bright spots to share');
      table(
        doc,
        [
          { header: 'Look-for', width: 3 },
          { header: 'Most or all pupils', width: 1.2, align: 'right' },
          { header: 'At least', width: 1, align: 'right' },
          { header: 'Visits', width: 0.7, align: 'right' },
        ],
        data.brightSpots.map((b) => [b.prompt, pct(b.share), pct(b.lower), String(b.n)]),
      );
    }

    heading(doc, 'Actions and their progress');
    const a = data.actions;
    paragraph(
      doc,
      `${a.done} done, ${a.doing} in progress, ${a.todo} to start; ${a.overdue} past their due date.`,
    );
    if (a.titles.length > 0)
      table(
        doc,
        [
          { header: 'Action', width: 3.4 },
          { header: 'Status', width: 1 },
          { header: 'Due', width: 1.3 },
        ],
        a.titles.map((t) => [
          t.title,
          t.status === 'done' ? 'Done' : t.status === 'doing' ? 'In progress' : 'To do',
          formatDay(t.dueOn),
        ]),
      );

    heading(doc, 'Coverage');
    const cap = data.coverage.againstCap;
    if (cap.status === 'shown') {
      paragraph(doc, `Teachers by number of visits (the agreed cap is ${cap.cap}):`);
      table(
        doc,
        [
          { header: 'Visits this period', width: 2 },
          { header: 'Teachers', width: 1, align: 'right' },
        ],
        cap.bands.map((b) => [b.label, String(b.teachers)]),
      );
      if (cap.note) paragraph(doc, cap.note, { muted: true });
    } else paragraph(doc, cap.reason);
  });
}

export function trustReportPdf(
  data: TrustInsights,
  trustName: string,
  generatedOn: string,
): Promise<Buffer> {
  const title = `Learning walks across ${trustName}`;
  const schoolName = new Map(data.schools.map((s) => [s.id, s.name]));
  const filters = [data.applied.phase, data.applied.department, data.applied.termName]
    .filter(Boolean)
    .join(', ');
  return renderReport({ title, trustName }, (doc) => {
    banner(doc, trustName, title, [
      `${filters || 'All schools, all terms'}${data.framework ? ` · ${data.framework.name}` : ''}`,
      `For the trust board. Produced on ${formatDay(generatedOn)}.`,
    ]);
    paragraph(
      doc,
      `No teacher is named and no figure rests on fewer than ${data.k} teachers. Schools are shown side by side to learn from each other, not ranked.`,
      { muted: true },
    );
    heading(doc, 'What the walks found, by lens');
    for (const l of data.lenses) {
      paragraph(doc, l.name);
      figureTable(doc, data.k, 'School', [
        { label: 'Trust (all schools shown)', figure: l.trust, kind: 'lens' },
        ...l.schools.map((s) => ({
          label: schoolName.get(s.schoolId) ?? '',
          figure: s.figure,
          kind: 'lens',
        })),
      ]);
    }
    heading(doc, 'Where targeted support might help');
    if (data.support.length === 0)
      paragraph(
        doc,
        'No school’s evidence sits clearly below the rest of the trust on any look-for.',
      );
    else
      table(
        doc,
        [
          { header: 'School', width: 1.5 },
          { header: 'Look-for', width: 3 },
          { header: 'School', width: 0.9, align: 'right' },
          { header: 'Rest of trust', width: 1.1, align: 'right' },
        ],
        data.support.map((s) => [
          s.schoolName,
          s.prompt,
          pct(s.school.share),
          pct(s.restOfTrust.share),
        ]),
      );
    heading(doc, 'How the walks are run');
    table(
      doc,
      [
        { header: 'School', width: 2 },
        { header: 'Walks with records, of those due', width: 1.5, align: 'right' },
        { header: 'Visits with prior warning', width: 1.5, align: 'right' },
      ],
      data.culture.map((c) => [
        c.schoolName,
        `${c.walksDone} of ${c.walksPlanned}`,
        `${c.visitsWithNotice} of ${c.visitsNeedingNotice}`,
      ]),
    );
    heading(doc, 'Staff pulse');
    paragraph(
      doc,
      'From the latest review: do staff want more learning walks, about the same, or fewer?',
    );
    if (data.pulse.note) paragraph(doc, data.pulse.note);
    else
      table(
        doc,
        [
          { header: 'School', width: 1.6 },
          { header: 'Review', width: 2 },
          { header: 'More', width: 0.7, align: 'right' },
          { header: 'Same', width: 0.7, align: 'right' },
          { header: 'Fewer', width: 0.7, align: 'right' },
          { header: 'Answered', width: 1, align: 'right' },
        ],
        data.pulse.schools.map((s) =>
          s.walks && s.review
            ? [
                s.schoolName,
                `${s.review.title} (${s.review.periodLabel})`,
                pct(s.walks.more.share),
                pct(s.walks.same.share),
                pct(s.walks.fewer.share),
                `${s.answered} of ${s.staff}`,
              ]
            : [s.schoolName, s.review?.title ?? '', s.note ?? 'No review pulse yet.', '', '', ''],
        ),
      );
  });
}
