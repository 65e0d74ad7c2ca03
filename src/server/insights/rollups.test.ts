import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TERMS, evidenceAnswers } from '../../domain/insights/contributions.ts';
import { mergeRecordsByVisit, type VisitRecord } from '../../domain/insights/evidence.ts';
import { tallyVisits } from '../../domain/insights/prevalence.ts';
import { canonicalBody, canonicalJson, type RecordBody } from '../../domain/records/body.ts';
import { allTermsBackfill } from '../db/migrations/0014_insights_all_terms.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import {
  addTestTeachers,
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { rebuildRollups, refreshVisitRollups, settleStaleRollups } from './rollups.ts';

/**
 * Rollup correctness (issue 8): after random inserts, edits and hand-ins of records, each
 * maintained on write, and deletions of records and whole visits by cascade (caught by the
 * trigger of migration 0014 and settled by settleStaleRollups), the rollups equal (a) a fresh
 * aggregate of the raw records computed here with the insights domain, at the term level and at
 * the all-terms level, and (b) rebuildRollups from the raw records, grain by grain.
 */

let database: TestDatabase;
let trust: TestTrust;
let walks: TestWalk[];
let observers: string[];
const departments = ['Maths', 'Science', 'English'];
const years = ['Year 7', 'Year 8'];

class Rollback extends Error {}

beforeAll(async () => {
  database = await openTestDatabase();
  trust = await createTestTrust(database.db, 'rollups');
  const teachers = (await addTestTeachers(database.db, trust, 'North', 6)).map((t) => t.personId);
  observers = [trust.person(trust.email('observer')), trust.person(trust.email('school_leader'))];
  walks = [
    await createTestWalk(database.db, trust, {
      date: '2026-11-16',
      observerIds: observers,
      teacherIds: teachers,
    }),
    await createTestWalk(database.db, trust, {
      date: '2026-11-23',
      observerIds: observers,
      teacherIds: teachers.slice(0, 5),
    }),
  ];
  // Vary the visits' departments and year groups.
  await withTenant(database.db, trust.trustId, async (tx) => {
    for (const w of walks) {
      for (const [i, visitId] of w.visitIds.entries()) {
        await tx
          .updateTable('visits')
          .set({ department: departments[i % 3]!, year_group: years[i % 2]! })
          .where('visit_id', '=', visitId)
          .execute();
      }
    }
  });
}, 60_000);

afterAll(async () => {
  await database?.close();
});

type Op =
  | { op: 'put'; visit: number; observer: number; body: BodySpec; handedIn: boolean }
  | { op: 'delete'; visit: number; observer: number }
  | { op: 'remove_visit'; visit: number }
  | { op: 'hand_in'; visit: number; observer: number };
type BodySpec = {
  prevalence: number | null;
  seen: boolean | null;
  count: number | null;
  notes: string;
};

const levels = ['not_seen', 'some', 'most', 'all'] as const;

const bodySpec = fc.record({
  prevalence: fc.option(fc.integer({ min: 0, max: 3 })),
  seen: fc.option(fc.boolean()),
  count: fc.option(fc.integer({ min: 0, max: 12 })),
  notes: fc.constantFrom('', 'Pupils talked in pairs.'),
});
const target = { visit: fc.integer({ min: 0, max: 10 }), observer: fc.integer({ min: 0, max: 1 }) };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('put' as const),
      ...target,
      body: bodySpec,
      handedIn: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), ...target }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('hand_in' as const), ...target }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('remove_visit' as const), visit: target.visit }),
  },
);

function visitAt(i: number): { walk: TestWalk; visitId: string } {
  const first = walks[0]!.visitIds.length;
  return i < first
    ? { walk: walks[0]!, visitId: walks[0]!.visitIds[i]! }
    : { walk: walks[1]!, visitId: walks[1]!.visitIds[i - first]! };
}

function bodyOf(walk: TestWalk, spec: BodySpec): RecordBody {
  const ids = [...walk.lookForIds.values()];
  const answers: { lookForId: string; kind: string; value: unknown }[] = [];
  if (spec.prevalence !== null) {
    answers.push({ lookForId: ids[0]!, kind: 'prevalence', value: levels[spec.prevalence] });
  }
  if (spec.seen !== null) answers.push({ lookForId: ids[1]!, kind: 'seen', value: spec.seen });
  if (spec.count !== null) answers.push({ lookForId: ids[2]!, kind: 'count', value: spec.count });
  return canonicalBody({ answers, notes: spec.notes, studentVoice: [] } as never);
}

async function run(tx: Tx, o: Op) {
  const { walk, visitId } = visitAt(o.visit);
  const present = await tx
    .selectFrom('visits')
    .select('visit_id')
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
  if (!present) return;
  if (o.op === 'remove_visit') {
    // A cascade: the visit's records go with it, behind the rollups' back.
    await tx.deleteFrom('visits').where('visit_id', '=', visitId).execute();
    return;
  }
  const observerId = observers[o.observer]!;
  const existing = await tx
    .selectFrom('records')
    .selectAll()
    .where('visit_id', '=', visitId)
    .where('observer_id', '=', observerId)
    .executeTakeFirst();
  const now = new Date('2026-11-23T12:00:00Z');
  if (o.op === 'put') {
    const body = bodyOf(walk, o.body);
    const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    if (existing) {
      await tx
        .updateTable('records')
        .set({ body: JSON.stringify(body), body_hash: hash, version_no: existing.version_no + 1 })
        .where('record_id', '=', existing.record_id)
        .execute();
    } else {
      await tx
        .insertInto('records')
        .values({
          trust_id: trust.trustId,
          record_id: crypto.randomUUID(),
          school_id: trust.school('North'),
          walk_id: walk.walkId,
          visit_id: visitId,
          observer_id: observerId,
          framework_version_id: walk.versionId,
          version_no: 1,
          body: JSON.stringify(body),
          body_hash: hash,
          captured_at: now,
          handed_in_at: o.handedIn ? now : null,
          updated_at: now,
        })
        .execute();
    }
  } else if (o.op === 'delete') {
    // Records are only ever deleted by a cascade: nothing refreshes the rollups here.
    if (existing)
      await tx.deleteFrom('records').where('record_id', '=', existing.record_id).execute();
    return;
  } else if (existing && !existing.handed_in_at) {
    await tx
      .updateTable('records')
      .set({ handed_in_at: now })
      .where('record_id', '=', existing.record_id)
      .execute();
  }
  await refreshVisitRollups(tx, [visitId]);
}

type Snapshot = Map<string, { counts: number[]; teachers: string[] }>;

async function snapshot(tx: Tx): Promise<Snapshot> {
  const cells = await tx.selectFrom('insights_cells').selectAll().execute();
  const teachers = await tx.selectFrom('insights_cell_teachers').selectAll().execute();
  const out: Snapshot = new Map();
  for (const c of cells) {
    const key = JSON.stringify([
      c.school_id,
      c.grain,
      c.term_key,
      c.framework_id,
      c.item,
      c.kind,
      c.dim1,
      c.dim2,
    ]);
    out.set(key, {
      counts: [
        c.visits,
        c.n,
        c.not_seen,
        c.some_count,
        c.most,
        c.all_count,
        c.seen,
        Number(c.count_total),
      ],
      teachers: teachers
        .filter((t) => t.cell_id === c.cell_id)
        .map((t) => `${t.teacher_id}×${t.visits}`)
        .sort(),
    });
  }
  return out;
}

/** The look-for and coverage figures computed straight from the raw records with the domain. */
async function freshAggregate(tx: Tx) {
  const rows = await tx
    .selectFrom('records as r')
    .innerJoin('visits as v', 'v.visit_id', 'r.visit_id')
    .select([
      'r.visit_id',
      'r.body',
      'r.framework_version_id',
      'v.teacher_id',
      'v.department',
      'v.year_group',
      'v.walk_id',
      'v.visit_date',
    ])
    .where('r.handed_in_at', 'is not', null)
    .execute();
  const records: VisitRecord[] = rows.map((r) => {
    const body = canonicalBody(r.body as never);
    return {
      visitId: r.visit_id,
      schoolId: 'north',
      walkId: r.walk_id,
      date: r.visit_date,
      teacherKey: r.teacher_id,
      departmentId: r.department,
      yearGroupId: r.year_group,
      weekday: 1,
      periodOrdinal: null,
      frameworkVersionId: r.framework_version_id ?? '',
      answers: evidenceAnswers(body),
      notes: body.notes,
      studentVoice: [],
    };
  });
  const visits = mergeRecordsByVisit(records);
  const lookFors = new Map<string, { tally: number[]; teachers: Set<string> }>();
  for (const [id, t] of tallyVisits(visits)) {
    const teachers = new Set(
      visits.filter((v) => v.answers.some((a) => a.lookForId === id)).map((v) => v.teacherKey),
    );
    lookFors.set(id, {
      tally: [t.n, t.n, t.notSeen, t.some, t.most, t.all, t.seen, t.countTotal],
      teachers,
    });
  }
  const coverage = new Map<string, { visits: number; teachers: Set<string> }>();
  for (const v of visits) {
    const key = `${v.departmentId}|${v.yearGroupId}`;
    const c = coverage.get(key) ?? { visits: 0, teachers: new Set<string>() };
    c.visits += 1;
    c.teachers.add(v.teacherKey);
    coverage.set(key, c);
  }
  return { lookFors, coverage };
}

function sumBy(
  snap: Snapshot,
  grain: string,
  keyOf: (k: string[]) => string,
  level: 'terms' | 'all terms' = 'terms',
) {
  const out = new Map<string, { counts: number[]; teachers: Set<string> }>();
  for (const [key, v] of snap) {
    const k = JSON.parse(key) as string[];
    if (k[1] !== grain) continue;
    if ((k[2] === ALL_TERMS) !== (level === 'all terms')) continue;
    const id = keyOf(k);
    const e = out.get(id) ?? { counts: new Array(8).fill(0), teachers: new Set<string>() };
    v.counts.forEach((n, i) => {
      e.counts[i]! += n;
    });
    for (const t of v.teachers) e.teachers.add(t.split('×')[0]!);
    out.set(id, e);
  }
  return out;
}

describe('insights rollups maintained on write', () => {
  it('equal a fresh aggregate of the raw records, and a rebuild, after random changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        await withTenant(database.db, trust.trustId, async (tx) => {
          for (const o of ops) await run(tx, o);
          await settleStaleRollups(tx);
          const maintained = await snapshot(tx);
          const fresh = await freshAggregate(tx);

          for (const level of ['terms', 'all terms'] as const) {
            const lf = sumBy(maintained, 'lf', (k) => k[4]!, level);
            expect([...lf.keys()].sort()).toEqual([...fresh.lookFors.keys()].sort());
            for (const [id, f] of fresh.lookFors) {
              expect(lf.get(id)!.counts).toEqual(f.tally);
              expect([...lf.get(id)!.teachers].sort()).toEqual([...f.teachers].sort());
            }
            const cov = sumBy(maintained, 'cov_dy', (k) => `${k[6]}|${k[7]}`, level);
            expect([...cov.keys()].sort()).toEqual([...fresh.coverage.keys()].sort());
            for (const [id, c] of fresh.coverage) {
              expect(cov.get(id)!.counts[0]).toBe(c.visits);
              expect([...cov.get(id)!.teachers].sort()).toEqual([...c.teachers].sort());
            }
          }

          await rebuildRollups(tx, trust.school('North'));
          const rebuilt = await snapshot(tx);
          expect(new Map([...maintained].sort())).toEqual(new Map([...rebuilt].sort()));
          throw new Rollback();
        }).catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('are brought to the all-terms level by migration 0014 exactly as a rebuild would', async () => {
    await withTenant(database.db, trust.trustId, async (tx) => {
      const spec = (p: number): BodySpec => ({ prevalence: p, seen: true, count: 2, notes: '' });
      for (const [i, visit] of [0, 1, 2, 7, 8].entries()) {
        await run(tx, { op: 'put', visit, observer: i % 2, body: spec(i % 4), handedIn: true });
      }
      const rebuilt = await snapshot(tx);
      expect([...rebuilt.keys()].some((k) => JSON.parse(k)[2] === ALL_TERMS)).toBe(true);
      // Rollups as they stood before 0014: term cells only.
      await tx.deleteFrom('insights_cells').where('term_key', '=', ALL_TERMS).execute();
      for (const statement of allTermsBackfill) await sql.raw(statement).execute(tx);
      expect(new Map([...(await snapshot(tx))].sort())).toEqual(new Map([...rebuilt].sort()));
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  });

  it('counts a visit once when both observers recorded it, at the lower answer', async () => {
    await withTenant(database.db, trust.trustId, async (tx) => {
      const spec = (p: number): BodySpec => ({ prevalence: p, seen: null, count: null, notes: '' });
      await run(tx, { op: 'put', visit: 0, observer: 0, body: spec(3), handedIn: true });
      await run(tx, { op: 'put', visit: 0, observer: 1, body: spec(1), handedIn: true });
      const lf = sumBy(await snapshot(tx), 'lf', (k) => k[4]!);
      expect([...lf.values()].map((v) => v.counts)).toEqual([[1, 1, 0, 1, 0, 0, 0, 0]]);
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  });
});
