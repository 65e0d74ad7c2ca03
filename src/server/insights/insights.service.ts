import type {
  Figure,
  LookForInsight,
  SchoolInsights,
  SchoolInsightsQuery,
  TrustInsights,
  TrustInsightsQuery,
} from '../../contracts/insights.ts';
import { ALL_TERMS } from '../../domain/insights/contributions.ts';
import { coverageAgainstCap } from '../../domain/insights/coverage.ts';
import { DEFAULT_K } from '../../domain/insights/evidence.ts';
import { linkedTable } from '../../domain/insights/linked.ts';
import { proportion } from '../../domain/insights/prevalence.ts';
import {
  type Agg,
  emptyAgg,
  figureWithStatus,
  type Group,
  groupFigures,
  type HeatmapSpec,
  heatmap,
  sumAggs,
} from '../../domain/insights/tables.ts';
import { findThemes, isQuotable, type ThemeText } from '../../domain/insights/themes.ts';
import { type CellRow, trustFigures } from '../../domain/insights/trust-figures.ts';
import { clearlyBelow } from '../../domain/insights/wilson.ts';
import {
  createChecker,
  type NeutralLanguageChecker,
} from '../../domain/neutral-language/checker.ts';
import { canonicalBody } from '../../domain/records/body.ts';
import type { InsightsGrain } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { todayIn } from '../kernel/school-time.ts';
import { decide } from '../policy/policy.ts';
import { trustPulse } from '../reviews/trust-pulse.ts';
import * as q from './insights.queries.ts';
import { loadLookForMeta, settleStaleRollups } from './rollups.ts';

/**
 * Insights (issue 8): the school's and the trust's dashboards, read from the rollups (migration
 * 0012), with suppression applied here on the server. No response carries a record, a teacher's
 * name or id, or a figure about one teacher; quotes are left out when they name anyone.
 */

type Deps = Pick<AppDeps, 'db' | 'now'>;

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NO_DEPARTMENT = 'No department';
const NO_YEAR_GROUP = 'No year group';
const THEME_RECORDS = 400;

const natural = (a: string, b: string) => a.localeCompare(b, 'en-GB', { numeric: true });

type CurrentFramework = {
  ref: { id: string; name: string; versionNo: number };
  lenses: { key: string; name: string }[];
  lookFors: {
    key: string;
    lensKey: string;
    prompt: string;
    kind: 'prevalence' | 'seen' | 'count';
    series: string;
  }[];
};

/** The frameworks to choose from, and the chosen one's current version with each look-for's series. */
async function chooseFramework(
  tx: Tx,
  schoolIds: readonly string[],
  frameworkId: string | undefined,
): Promise<{ frameworks: CurrentFramework['ref'][]; current: CurrentFramework | null }> {
  const [published, evidence] = await Promise.all([
    q.publishedFrameworks(tx),
    q.frameworksWithEvidence(tx, schoolIds),
  ]);
  const usable = published.filter(
    (f) =>
      f.kind !== 'health_and_safety' && (evidence.has(f.framework_id) || f.kind === 'learning'),
  );
  const frameworks = usable.map((f) => ({
    id: f.framework_id,
    name: f.name,
    versionNo: f.version_no,
  }));
  let chosen = frameworkId ? usable.find((f) => f.framework_id === frameworkId) : undefined;
  if (frameworkId && !chosen) throw notFound('The framework');
  chosen ??= [...usable].sort(
    (a, b) => (evidence.get(b.framework_id) ?? 0) - (evidence.get(a.framework_id) ?? 0),
  )[0];
  if (!chosen) return { frameworks, current: null };
  const [lenses, lookFors] = await q.versionContent(tx, chosen.version_id);
  const lensKey = new Map(lenses.map((l) => [l.lens_id, l.key]));
  const meta = await loadLookForMeta(
    tx,
    lookFors.map((f) => f.look_for_id),
  );
  return {
    frameworks,
    current: {
      ref: { id: chosen.framework_id, name: chosen.name, versionNo: chosen.version_no },
      lenses: lenses.map((l) => ({ key: l.key, name: l.name })),
      lookFors: lookFors
        .filter((f) => f.answer_kind !== 'note')
        .map((f) => ({
          key: f.key,
          lensKey: lensKey.get(f.lens_id) ?? '',
          prompt: f.prompt,
          kind: f.answer_kind as 'prevalence' | 'seen' | 'count',
          series: meta.get(f.look_for_id)?.series ?? f.look_for_id,
        })),
    },
  };
}

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function kFor(tx: Tx, schoolId: string) {
  const s = await q.protocolSettings(tx, schoolId);
  return { k: s?.min_group_size ?? DEFAULT_K, cap: s?.visit_cap ?? 3 };
}

// The school's dashboard.

export function schoolInsights(
  deps: Deps,
  auth: SignedIn,
  schoolId: string,
  query: SchoolInsightsQuery,
): Promise<SchoolInsights> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'insights.view_school',
      "see this school's insights",
    );
    await settleStaleRollups(tx);
    return buildSchoolInsights(tx, deps, school, query);
  });
}

export async function buildSchoolInsights(
  tx: Tx,
  deps: Deps,
  school: { school_id: string; name: string; phase: string; time_zone: string },
  query: SchoolInsightsQuery,
): Promise<SchoolInsights> {
  const schoolId = school.school_id;
  const { k, cap } = await kFor(tx, schoolId);
  const terms = await q.schoolTerms(tx, [schoolId]);
  const term = query.termId ? terms.find((t) => t.term_id === query.termId) : undefined;
  if (query.termId && !term) throw notFound('The term');
  const { frameworks, current } = await chooseFramework(tx, [schoolId], query.frameworkId);
  // With a term chosen, the all-terms cells come too: each figure is linked to its all-terms
  // twin (linked.ts), so comparing the two views cannot single anyone out.
  const cells = await q.loadCells(tx, {
    schoolIds: [schoolId],
    grains: ['lf', 'lf_dept', 'lf_year', 'lens', 'cov_dy', 'cov_wp'],
    termKeys: term ? [term.term_id, ALL_TERMS] : null,
    frameworkIds: current ? [current.ref.id, ''] : [''],
  });
  const walkCells = await q.loadCells(tx, {
    schoolIds: [schoolId],
    grains: ['lf_walk'],
    termKeys: 'every',
    frameworkIds: current ? [current.ref.id, ''] : [''],
  });
  const level = term?.term_id ?? ALL_TERMS;
  const grain = byKey(cells, (c) => `${c.grain}|${c.termKey}`);
  const of = (g: InsightsGrain, at: string = level) => grain.get(`${g}|${at}`) ?? [];
  const seriesOf = (c: CellRow) => `${c.item}|${c.kind}`;
  const index = (g: InsightsGrain, at: string) => byKey(of(g, at), seriesOf);
  const lf = { all: index('lf', ALL_TERMS), term: term ? index('lf', level) : null };
  const dept = { all: index('lf_dept', ALL_TERMS), term: term ? index('lf_dept', level) : null };
  const year = { all: index('lf_year', ALL_TERMS), term: term ? index('lf_year', level) : null };
  // Walks lie in one term each: their table is decided once, across all terms, and a term shows
  // its own walks with the statuses they have there.
  const walkBySeries = byKey(walkCells, seriesOf);
  const groupsOf = (
    rows: readonly CellRow[],
    label: (c: CellRow) => string,
    key: (c: CellRow) => string = (c) => c.dim1,
  ): Group[] =>
    [...byKey(rows, key).entries()].map(([k2, list]) => ({
      key: k2,
      label: label(list[0]!),
      agg: sumAggs(list),
    }));
  const linked = (
    id: string,
    totals: { all: Map<string, CellRow[]>; term: Map<string, CellRow[]> | null },
    parts: { all: Map<string, CellRow[]>; term: Map<string, CellRow[]> | null } | null,
    label: (c: CellRow) => string,
  ) => {
    const at = (which: 'all' | 'term') => ({
      total: sumAggs(totals[which]?.get(id) ?? []),
      groups: parts ? groupsOf(parts[which]?.get(id) ?? [], label) : [],
    });
    const allTerms = at('all');
    const chosen = totals.term ? at('term') : null;
    const statuses = linkedTable({ k, allTerms, term: chosen });
    const shown = chosen ?? allTerms;
    return { statuses, total: shown.total, groups: shown.groups };
  };

  const lookFors: LookForInsight[] = (current?.lookFors ?? []).map((f) => {
    const id = `${f.series}|${f.kind}`;
    const byDept = linked(id, lf, dept, (c) => c.dim1 || NO_DEPARTMENT);
    const byYear = linked(id, lf, year, (c) => c.dim1 || NO_YEAR_GROUP);
    const walks = groupsOf(walkBySeries.get(id) ?? [], (c) => c.dim2).sort(
      (a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key),
    );
    const trend = groupFigures(f.kind, walks, k).groups.filter(
      (g) => !term || (g.label >= term.starts_on && g.label <= term.ends_on),
    );
    const figures = (t: ReturnType<typeof linked>) =>
      t.groups
        .sort((a, b) => natural(a.label, b.label))
        .map((g) => ({
          key: g.key,
          label: g.label,
          figure: figureWithStatus(f.kind, g.agg, t.statuses.get(`g:${g.key}`)!, k),
        }));
    return {
      key: f.key,
      lensKey: f.lensKey,
      prompt: f.prompt,
      kind: f.kind,
      figure: figureWithStatus(f.kind, byDept.total, byDept.statuses.get('total')!, k),
      trend,
      byDepartment: figures(byDept),
      byYearGroup: figures(byYear),
    };
  });
  const lensCells = {
    all: byKey(of('lens', ALL_TERMS), (c) => c.item),
    term: term ? byKey(of('lens'), (c) => c.item) : null,
  };
  const lenses = (current?.lenses ?? []).map((l) => {
    const t = linked(l.key, lensCells, null, () => '');
    return {
      key: l.key,
      name: l.name,
      figure: figureWithStatus('lens', t.total, t.statuses.get('total')!, k),
    };
  });

  // Coverage, each heatmap linked to its all-terms twin when a term is chosen.
  const departmentsByYearGroupAt = (at: string) => {
    const dy = new Map<string, Agg>();
    const depts = new Set<string>();
    const years = new Set<string>();
    for (const c of of('cov_dy', at)) {
      depts.add(c.dim1);
      years.add(c.dim2);
      const id = JSON.stringify([c.dim1, c.dim2]);
      dy.set(id, sumAggs([dy.get(id) ?? emptyAgg(), c]));
    }
    const spec: HeatmapSpec = {
      title: 'Visits by department and year group',
      rowLabel: 'Department',
      columnLabel: 'Year group',
      rows: [...depts].sort(natural).map((d) => ({ key: d, label: d || NO_DEPARTMENT })),
      columns: [...years].sort(natural).map((y) => ({ key: y, label: y || NO_YEAR_GROUP })),
    };
    return { spec, cells: dy };
  };
  const daysByPeriodAt = (at: string) => {
    const wp = new Map<string, Agg>();
    const days = new Set<string>(['1', '2', '3', '4', '5']);
    const periods = new Set<string>();
    for (const c of of('cov_wp', at)) {
      days.add(c.dim1);
      periods.add(c.dim2);
      const id = JSON.stringify([c.dim1, c.dim2]);
      wp.set(id, sumAggs([wp.get(id) ?? emptyAgg(), c]));
    }
    const spec: HeatmapSpec = {
      title: 'Visits by day and period',
      rowLabel: 'Day',
      columnLabel: 'Period',
      rows: [...days].sort(natural).map((d) => ({ key: d, label: WEEKDAYS[Number(d)] ?? d })),
      columns: [...periods]
        .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : natural(a, b)))
        .map((p) => ({ key: p, label: p === '' ? 'Outside the timetable' : `Period ${p}` })),
    };
    return { spec, cells: wp };
  };
  const linkedHeatmap = (at: (level: string) => { spec: HeatmapSpec; cells: Map<string, Agg> }) => {
    const shown = at(level);
    return heatmap(shown.spec, shown.cells, k, term ? at(ALL_TERMS) : undefined);
  };
  const departmentsByYearGroup = linkedHeatmap(departmentsByYearGroupAt);
  const daysByPeriod = linkedHeatmap(daysByPeriodAt);
  const perTeacher = sumAggs(of('cov_dy'));
  const teacherIds = await q.schoolTeacherIds(tx, schoolId);
  const coverage = coverageAgainstCap({
    teacherKeys: teacherIds,
    visits: [...perTeacher.teachers].flatMap(([t, n]) =>
      Array.from({ length: n }, () => ({ teacherKey: t })),
    ),
    cap: Math.max(1, cap),
    k,
  });
  const againstCap =
    coverage.status === 'shown'
      ? {
          status: 'shown' as const,
          cap: coverage.cap,
          bands: coverage.bands.map((b) => ({ label: b.label, teachers: b.teachers })),
          note: coverage.note,
        }
      : coverage;

  // Themes from notes and student voice, quotes without names.
  const checker = await checkerFor(tx, [schoolId]);
  const texts = await q.recentTexts(
    tx,
    schoolId,
    term ? { from: term.starts_on, to: term.ends_on } : null,
    THEME_RECORDS,
  );
  const noteTexts: ThemeText[] = [];
  const voiceTexts: ThemeText[] = [];
  for (const r of texts) {
    const body = canonicalBody(r.body as never);
    const base = { visitId: r.visit_id, teacherKeys: [r.teacher_id] };
    if (body.notes.trim()) noteTexts.push({ ...base, source: 'note', text: body.notes });
    for (const sv of body.studentVoice) {
      voiceTexts.push({ ...base, source: 'student_voice', promptId: sv.promptId, text: sv.text });
    }
  }
  const notesThemes = findThemes(noteTexts, { checker, k, maxThemes: 6 });
  const voiceThemes = findThemes(voiceTexts, { checker, k, maxThemes: 6 });

  const brightSpots = lookFors
    .flatMap((f) =>
      f.figure.status === 'shown' &&
      f.figure.share !== null &&
      f.figure.lower !== null &&
      f.figure.lower >= 0.5
        ? [
            {
              key: f.key,
              prompt: f.prompt,
              share: f.figure.share,
              lower: f.figure.lower,
              n: f.figure.n,
            },
          ]
        : [],
    )
    .sort((a, b) => b.lower - a.lower)
    .slice(0, 3);

  const actions = await actionsOf(tx, schoolId, todayIn(school.time_zone, deps.now()), checker);
  return {
    school: { id: schoolId, name: school.name, phase: school.phase },
    k,
    terms: terms.map((t) => ({
      id: t.term_id,
      name: t.name,
      startsOn: t.starts_on,
      endsOn: t.ends_on,
    })),
    termId: term?.term_id ?? null,
    frameworks,
    framework: current?.ref ?? null,
    visits: perTeacher.counts.visits,
    lenses,
    lookFors,
    coverage: { departmentsByYearGroup, daysByPeriod, againstCap },
    themes: {
      notes: notesThemes.themes,
      studentVoice: voiceThemes.themes,
      quotesLeftOut: notesThemes.quotesLeftOut + voiceThemes.quotesLeftOut,
    },
    brightSpots,
    actions,
  };
}

async function checkerFor(tx: Tx, schoolIds: readonly string[]): Promise<NeutralLanguageChecker> {
  const staff = await q.staffNames(tx, schoolIds);
  const names = new Set<string>();
  for (const r of staff) {
    names.add(r.full_name);
    const surname = r.full_name.trim().split(/\s+/).at(-1);
    if (r.title && surname) names.add(`${r.title} ${surname}`);
  }
  return createChecker({ staffNames: [...names].sort() });
}

async function actionsOf(tx: Tx, schoolId: string, day: string, checker: NeutralLanguageChecker) {
  const { rows } = await q.actionSummary(tx, schoolId, day);
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    todo: count('todo'),
    doing: count('doing'),
    done: count('done'),
    overdue: rows.filter((r) => r.status !== 'done' && r.due_on < day).length,
    // Titles are leaders' own words: one that names anyone is left out.
    titles: rows
      .filter((r) => isQuotable(r.title, checker))
      .sort((a, b) => Number(a.status === 'done') - Number(b.status === 'done'))
      .slice(0, 12)
      .map((r) => ({ title: r.title, status: r.status, dueOn: r.due_on })),
  };
}

// The trust's dashboard.

export function trustInsights(
  deps: Deps,
  auth: SignedIn,
  query: TrustInsightsQuery,
): Promise<TrustInsights> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const decision = decide(auth.actor, 'insights.view_trust', {
      trustId: auth.actor.trustId,
      schoolId: null,
    });
    if (decision !== 'allow') throw forbidden("see the trust's insights");
    await settleStaleRollups(tx);
    return buildTrustInsights(tx, deps, query);
  });
}

export async function buildTrustInsights(
  tx: Tx,
  deps: Deps,
  query: TrustInsightsQuery,
): Promise<TrustInsights> {
  const allSchools = await tx
    .selectFrom('schools')
    .select(['school_id', 'name', 'phase', 'time_zone'])
    .orderBy('name')
    .execute();
  // "Done" counts up to the schools' own today; a trust's schools share one time zone.
  const today = todayIn(allSchools[0]?.time_zone ?? 'Europe/London', deps.now());
  const schools = allSchools.filter((s) => !query.phase || s.phase === query.phase);
  const schoolIds = schools.map((s) => s.school_id);
  // The trust's threshold: the largest any school has agreed (never smaller than a school's own).
  const settings = await tx
    .selectFrom('school_protocol_settings')
    .select(['school_id', 'min_group_size'])
    .execute();
  const k = Math.max(DEFAULT_K, ...settings.map((s) => s.min_group_size));

  const terms = await q.schoolTerms(
    tx,
    allSchools.map((s) => s.school_id),
  );
  let termName: string | null = null;
  let termKeys: string[] | null = null;
  if (query.termId) {
    const chosen = terms.find((t) => t.term_id === query.termId);
    if (!chosen) throw notFound('The term');
    termName = chosen.name;
    termKeys = terms.filter((t) => t.name === chosen.name).map((t) => t.term_id);
  }
  const termRange =
    termKeys === null
      ? null
      : {
          from: terms
            .filter((t) => termKeys!.includes(t.term_id))
            .map((t) => t.starts_on)
            .sort()[0]!,
          to: terms
            .filter((t) => termKeys!.includes(t.term_id))
            .map((t) => t.ends_on)
            .sort()
            .at(-1)!,
        };
  const { frameworks, current } = await chooseFramework(tx, schoolIds, query.frameworkId);
  const department = query.department ?? null;
  // Every school's cells, whatever the phase, at the all-terms level and the chosen term's: each
  // figure is checked against itself under fewer filters (trust-figures.ts).
  const cells = current
    ? await q.loadCells(tx, {
        schoolIds: allSchools.map((s) => s.school_id),
        grains: department ? ['lf', 'lens', 'lf_dept'] : ['lf', 'lens'],
        termKeys: termKeys ? [...termKeys, ALL_TERMS] : null,
        frameworkIds: [current.ref.id],
      })
    : [];
  const departmentRows = await tx
    .selectFrom('insights_cells')
    .select('dim1')
    .distinct()
    .where('grain', '=', 'cov_dy')
    .where('term_key', '=', ALL_TERMS)
    .where('dim1', '<>', '')
    .execute();

  const schoolK = new Map(settings.map((s) => [s.school_id, s.min_group_size]));
  const figureOf = trustFigures({
    schools: allSchools.map((s) => ({
      id: s.school_id,
      name: s.name,
      phase: s.phase,
      k: schoolK.get(s.school_id) ?? DEFAULT_K,
    })),
    cells,
    phase: query.phase ?? null,
    department,
    termKeys: termKeys ? new Set(termKeys) : null,
    k,
  });
  const lookFors = (current?.lookFors ?? []).map((f) => {
    const figures = figureOf({ type: 'look_for', series: f.series, kind: f.kind });
    return {
      key: f.key,
      lensKey: f.lensKey,
      prompt: f.prompt,
      kind: f.kind,
      trust: figures.trust,
      schools: figures.schools,
      groups: figures.groups,
      trustShown: figures.trustShown,
    };
  });
  const lenses = (current?.lenses ?? []).map((l) => {
    const members = (current?.lookFors ?? [])
      .filter((f) => f.lensKey === l.key && f.kind === 'prevalence')
      .map((f) => ({ series: f.series, kind: 'prevalence' as const }));
    const figures = figureOf({ type: 'lens', lensKey: l.key, members });
    return { key: l.key, name: l.name, trust: figures.trust, schools: figures.schools };
  });

  // Where targeted support might help: a school's interval wholly below the rest of the trust's.
  // Only where the trust's own figure is shown: "the rest of the trust" is that figure less one
  // school shown beside it, so it must not reveal a total that is hidden.
  const support: TrustInsights['support'] = [];
  const nameOf = new Map(schools.map((s) => [s.school_id, s.name]));
  for (const f of lookFors) {
    if (f.kind === 'count' || !f.trustShown) continue;
    const total = sumAggs(f.groups.map((g) => g.agg));
    for (const [i, s] of f.schools.entries()) {
      if (s.figure.status !== 'shown' || s.figure.lower === null || s.figure.upper === null)
        continue;
      const rest = restOf(total, f.groups[i]!.agg);
      if (rest.teachers < k || rest.counts.n === 0) continue;
      const successes =
        f.kind === 'prevalence' ? rest.counts.most + rest.counts.all : rest.counts.seen;
      const r = proportion(successes, rest.counts.n);
      const mine = { lower: s.figure.lower, upper: s.figure.upper };
      if (clearlyBelow(mine, r)) {
        support.push({
          schoolId: s.schoolId,
          schoolName: nameOf.get(s.schoolId) ?? '',
          lookForKey: f.key,
          prompt: f.prompt,
          school: {
            share: s.figure.share ?? 0,
            lower: mine.lower,
            upper: mine.upper,
            n: s.figure.n,
          },
          restOfTrust: { share: r.share ?? 0, lower: r.lower, upper: r.upper, n: r.n },
        });
      }
    }
  }
  support.sort(
    (a, b) => b.restOfTrust.lower - b.school.upper - (a.restOfTrust.lower - a.school.upper),
  );

  const culture = await q.cultureCounts(tx, schoolIds, termRange, termKeys, today);
  const cultureOf = new Map(culture.map((c) => [c.school_id, c]));
  return {
    k,
    filters: {
      phases: [...new Set(allSchools.map((s) => s.phase))].sort(),
      departments: departmentRows.map((d) => d.dim1).sort(natural),
      terms: uniqueTerms(terms),
      frameworks,
    },
    applied: { phase: query.phase ?? null, department, termName },
    framework: current?.ref ?? null,
    schools: schools.map((s) => ({ id: s.school_id, name: s.name, phase: s.phase })),
    lenses,
    lookFors: lookFors.map(({ groups: _g, trustShown: _t, ...rest }) => rest),
    support,
    culture: schools.map((s) => {
      const c = cultureOf.get(s.school_id);
      const enough = (c?.teachers_recorded ?? 0) >= k;
      return {
        schoolId: s.school_id,
        schoolName: s.name,
        walksPlanned: c?.walks_planned ?? 0,
        walksDone: c?.walks_done ?? 0,
        visitsWithNotice: c?.visits_with_notice ?? 0,
        visitsNeedingNotice: c?.visits_needing_notice ?? 0,
        responses: enough
          ? { visitsResponded: c!.visits_responded, visitsRecorded: c!.visits_recorded }
          : null,
        responsesNote: enough
          ? null
          : `Fewer than ${k} teachers have records in this period, so responses are not shown.`,
      };
    }),
    pulse: await trustPulse(tx, deps.now(), schools, termRange, k),
  };
}

/** A total less one of its parts: the counts, and how many teachers are left in it. */
function restOf(total: Agg, part: Agg) {
  const counts = { ...total.counts };
  for (const field of Object.keys(counts) as (keyof typeof counts)[]) {
    counts[field] -= part.counts[field];
  }
  let gone = 0;
  for (const [teacher, visits] of part.teachers) {
    if ((total.teachers.get(teacher) ?? 0) - visits <= 0) gone += 1;
  }
  return { counts, teachers: total.teachers.size - gone };
}

/** One entry per term name (schools' terms of the same name are taken together). */
function uniqueTerms(terms: readonly { term_id: string; name: string; starts_on: string }[]) {
  const seen = new Map<string, { id: string; name: string; startsOn: string }>();
  for (const t of terms) {
    if (!seen.has(t.name)) seen.set(t.name, { id: t.term_id, name: t.name, startsOn: t.starts_on });
  }
  return [...seen.values()]
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .map(({ id, name }) => ({ id, name }));
}

export function describeFigure(f: Figure, kind: string): string {
  if (f.status === 'suppressed') return f.reason;
  if (f.status === 'empty') return 'No evidence yet';
  if (kind === 'count') return `mean ${f.mean?.toFixed(1) ?? '–'} (${f.n} visits)`;
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  return `${pct(f.share)} (${pct(f.lower)}–${pct(f.upper)}, ${f.n} visits)`;
}

export function trustName(deps: Deps, auth: SignedIn): Promise<string> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const row = await tx
      .selectFrom('trusts')
      .select('name')
      .where('trust_id', '=', auth.actor.trustId)
      .executeTakeFirst();
    return row?.name ?? 'the trust';
  });
}
