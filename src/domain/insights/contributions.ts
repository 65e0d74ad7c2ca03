import type { RecordBody } from '../records/body.ts';
import { type EvidenceAnswer, mergeRecordsByVisit, type VisitRecord } from './evidence.ts';

/**
 * What one visit adds to the insights rollups, as plain data (no I/O). The same function serves
 * the write path (subtract the visit's previous contribution, add this one) and rebuildRollups, so
 * the two cannot disagree. A visit counts once, however many observers recorded it: the domain's
 * mergeRecordsByVisit puts its records together first (the lower answer where observers differ).
 */

/**
 * The rollups' grains: a look-for series, the same by department, by year group and by walk, a
 * lens, and coverage by department × year group and by weekday × period.
 */
export type CellGrain = 'lf' | 'lf_dept' | 'lf_year' | 'lf_walk' | 'lens' | 'cov_dy' | 'cov_wp';
/** What a cell counts: answers of one kind, or visits (coverage). */
export type CellKind = 'prevalence' | 'seen' | 'count' | 'visits';

export type CellKey = {
  grain: CellGrain;
  termKey: string;
  frameworkId: string;
  item: string;
  kind: CellKind;
  dim1: string;
  dim2: string;
};

export type CellCounts = {
  visits: number;
  n: number;
  notSeen: number;
  some: number;
  most: number;
  all: number;
  seen: number;
  countTotal: number;
};

export type CellDelta = CellKey & CellCounts;

/** A look-for as the rollups need it. */
export type LookForMeta = {
  /** '' for a school's own look-for. */
  frameworkId: string;
  /** The root of its continuity chain (a framework look-for id), or 'school:<id>'. */
  series: string;
  /** The lens key in its version; null for a school's own look-for. */
  lensKey: string | null;
};

/** Everything about one visit the rollups need. Teacher ids are counted, never output. */
export type VisitFacts = {
  visitId: string;
  schoolId: string;
  walkId: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** The school term holding the date, or ''. */
  termKey: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  periodOrdinal: number | null;
  department: string;
  yearGroup: string;
  teacherIds: readonly string[];
  /** The visit's handed-in records. */
  records: readonly { frameworkVersionId: string | null; body: RecordBody }[];
};

export const ZERO: CellCounts = {
  visits: 0,
  n: 0,
  notSeen: 0,
  some: 0,
  most: 0,
  all: 0,
  seen: 0,
  countTotal: 0,
};

export const COUNT_FIELDS = Object.keys(ZERO) as (keyof CellCounts)[];

/**
 * The term key of the all-terms level: every cell is kept once per term and once across all
 * terms, so a dashboard without a term filter reads one row per figure instead of summing terms.
 * Walk cells are the exception: a walk lies in one term, so they are kept once.
 */
export const ALL_TERMS = '*';

/**
 * A contribution with its all-terms twins added. Contributions are stored per term only; this
 * one function derives the all-terms level, on write, on rebuild and when a stored
 * contribution is subtracted, so the levels cannot drift apart.
 */
export function withAllTermsLevel(cells: readonly CellDelta[]): CellDelta[] {
  const out = [...cells];
  const twins = new Map<string, CellDelta>();
  for (const c of cells) {
    // A walk lies in one term: its cells are read at whatever level they are kept.
    if (c.termKey === ALL_TERMS || c.grain === 'lf_walk') continue;
    const key = { ...c, termKey: ALL_TERMS };
    const id = cellKeyString(key);
    const twin = twins.get(id);
    if (twin) for (const f of COUNT_FIELDS) twin[f] += c[f];
    else twins.set(id, key);
  }
  out.push(...twins.values());
  return out;
}

// Cell keys join their parts with a character no key part holds (ids, keys, names typed by
// people, dates): far cheaper than JSON on the millions of cells a rebuild touches.
const SEPARATOR = '\u001f';

export function cellKeyString(k: CellKey): string {
  return `${k.grain}${SEPARATOR}${k.termKey}${SEPARATOR}${k.frameworkId}${SEPARATOR}${k.item}${SEPARATOR}${k.kind}${SEPARATOR}${k.dim1}${SEPARATOR}${k.dim2}`;
}

export function parseCellKey(s: string): CellKey {
  const [grain, termKey, frameworkId, item, kind, dim1, dim2] = s.split(SEPARATOR);
  return {
    grain: grain as CellGrain,
    termKey: termKey!,
    frameworkId: frameworkId!,
    item: item!,
    kind: kind as CellKind,
    dim1: dim1!,
    dim2: dim2!,
  };
}

/** The body's answers in the shape the insights domain reads. */
export function evidenceAnswers(body: RecordBody): EvidenceAnswer[] {
  return body.answers.map((a): EvidenceAnswer => {
    if (a.kind === 'seen') {
      return { lookForId: a.lookForId, kind: 'seen', value: a.value ? 'seen' : 'not_seen' };
    }
    return a;
  });
}

/** 'YYYY-MM-DD' → 1 (Monday) … 7 (Sunday). */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * What a visit contributes, in the compact form kept in insights_visit_contributions: the facts
 * its cells are keyed by and its merged answers with their series. About a tenth of the size of
 * the cells themselves; cellsOf turns it back into cells, so what is subtracted later is exactly
 * what was added, even if the visit or the framework changes meanwhile.
 */
export type ContributionInputs = {
  term: string;
  walk: string;
  date: string;
  weekday: number;
  period: number | null;
  department: string;
  yearGroup: string;
  /** [series, frameworkId, lensKey, kind, value] per answer. */
  answers: [string, string, string | null, 'prevalence' | 'seen' | 'count', string | number][];
};

/** The visit's contribution inputs, or null when it has no handed-in record. */
export function contributionInputs(
  facts: VisitFacts,
  meta: ReadonlyMap<string, LookForMeta>,
): ContributionInputs | null {
  if (facts.records.length === 0) return null;
  const records: VisitRecord[] = facts.records.map((r) => ({
    visitId: facts.visitId,
    schoolId: facts.schoolId,
    walkId: facts.walkId,
    date: facts.date,
    teacherKey: facts.teacherIds[0] ?? '',
    departmentId: facts.department || null,
    yearGroupId: facts.yearGroup || null,
    weekday: facts.weekday,
    periodOrdinal: facts.periodOrdinal,
    frameworkVersionId: r.frameworkVersionId ?? '',
    answers: evidenceAnswers(r.body),
    notes: r.body.notes,
    studentVoice: r.body.studentVoice,
  }));
  const [visit] = mergeRecordsByVisit(records);
  const answers: ContributionInputs['answers'] = [];
  for (const answer of visit!.answers) {
    if (answer.kind === 'note') continue;
    const m = meta.get(answer.lookForId);
    if (!m) continue;
    answers.push([m.series, m.frameworkId, m.lensKey, answer.kind, answer.value]);
  }
  return {
    term: facts.termKey,
    walk: facts.walkId,
    date: facts.date,
    weekday: facts.weekday,
    period: facts.periodOrdinal,
    department: facts.department,
    yearGroup: facts.yearGroup,
    answers,
  };
}

/** The visit's contribution: one delta per cell it touches (all counts ≥ 0). */
export function visitContribution(
  facts: VisitFacts,
  meta: ReadonlyMap<string, LookForMeta>,
): CellDelta[] {
  const inputs = contributionInputs(facts, meta);
  return inputs ? cellsOf(inputs) : [];
}

/**
 * A stored contribution's cells: the compact inputs (today's form) or, from rows written before
 * migration 0014, the list of cells itself.
 */
export function storedCells(stored: unknown): CellDelta[] {
  if (Array.isArray(stored)) return stored as CellDelta[];
  return cellsOf(stored as ContributionInputs);
}

/** The cells of a contribution (per term; withAllTermsLevel adds the all-terms level). */
export function cellsOf(inputs: ContributionInputs): CellDelta[] {
  const out = new Map<string, CellDelta>();
  const add = (key: CellKey, counts: Partial<CellCounts>) => {
    const id = cellKeyString(key);
    let cell = out.get(id);
    if (!cell) {
      cell = { ...key, ...ZERO };
      out.set(id, cell);
    }
    for (const f of COUNT_FIELDS) cell[f] += counts[f] ?? 0;
  };
  const t = inputs.term;

  // Coverage: every visit with a handed-in record, whatever it answered.
  const cov = { termKey: t, frameworkId: '', item: '', kind: 'visits' as const };
  add({ ...cov, grain: 'cov_dy', dim1: inputs.department, dim2: inputs.yearGroup }, { visits: 1 });
  add(
    {
      ...cov,
      grain: 'cov_wp',
      dim1: String(inputs.weekday),
      dim2: inputs.period === null ? '' : String(inputs.period),
    },
    { visits: 1 },
  );

  const lenses = new Map<string, { frameworkId: string; lensKey: string; counts: CellCounts }>();
  for (const [series, frameworkId, lensKey, kind, value] of inputs.answers) {
    const counts: Partial<CellCounts> = { visits: 1, n: 1 };
    if (kind === 'prevalence') {
      if (value === 'not_seen') counts.notSeen = 1;
      else counts[value as 'some' | 'most' | 'all'] = 1;
    } else if (kind === 'seen') {
      if (value === 'seen') counts.seen = 1;
      else counts.notSeen = 1;
    } else {
      counts.countTotal = Number(value);
    }
    const base = { termKey: t, frameworkId, item: series, kind };
    add({ ...base, grain: 'lf', dim1: '', dim2: '' }, counts);
    add({ ...base, grain: 'lf_dept', dim1: inputs.department, dim2: '' }, counts);
    add({ ...base, grain: 'lf_year', dim1: inputs.yearGroup, dim2: '' }, counts);
    add({ ...base, grain: 'lf_walk', dim1: inputs.walk, dim2: inputs.date }, counts);
    if (kind === 'prevalence' && lensKey !== null) {
      const id = `${frameworkId}\u0000${lensKey}`;
      let lens = lenses.get(id);
      if (!lens) {
        lens = { frameworkId, lensKey, counts: { ...ZERO, visits: 1 } };
        lenses.set(id, lens);
      }
      lens.counts.n += 1;
      for (const f of ['notSeen', 'some', 'most', 'all'] as const) lens.counts[f] += counts[f] ?? 0;
    }
  }
  for (const lens of lenses.values()) {
    add(
      {
        grain: 'lens',
        termKey: t,
        frameworkId: lens.frameworkId,
        item: lens.lensKey,
        kind: 'prevalence',
        dim1: '',
        dim2: '',
      },
      lens.counts,
    );
  }
  return [...out.values()];
}
