import { sql } from 'kysely';
import type { PlannedWalkInput } from '../../contracts/programmes.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Records *that* a person commented anonymously on a programme, never which comment: the whole
 * set for the programme is deleted and written again in person order, so no row version or
 * insertion order pairs a person with a comment (as the pulse's respondents, migration 0015).
 */
export async function noteAnonymousCommenter(
  tx: Tx,
  row: { trustId: string; programmeId: string; personId: string },
) {
  const existing = await tx
    .selectFrom('programme_anonymous_commenters')
    .select('person_id')
    .where('programme_id', '=', row.programmeId)
    .execute();
  const people = [...new Set([...existing.map((e) => e.person_id), row.personId])].sort();
  await tx
    .deleteFrom('programme_anonymous_commenters')
    .where('programme_id', '=', row.programmeId)
    .execute();
  await tx
    .insertInto('programme_anonymous_commenters')
    .values(
      people.map((person_id) => ({
        trust_id: row.trustId,
        programme_id: row.programmeId,
        person_id,
      })),
    )
    .execute();
}

/** Every comment's answered state, per amendment (null: the programme itself). */
export async function unansweredCounts(tx: Tx, programmeId: string) {
  const rows = await tx
    .selectFrom('programme_comments')
    .select(['amendment_id', sql<number>`count(*)::int`.as('n')])
    .where('programme_id', '=', programmeId)
    .where('answer', 'is', null)
    .groupBy('amendment_id')
    .execute();
  return new Map(rows.map((r) => [r.amendment_id, r.n]));
}

export function listPlannedWalks(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('programme_planned_walks as pw')
    .leftJoin('programme_amendments as a', (j) =>
      j.onRef('a.trust_id', '=', 'pw.trust_id').onRef('a.amendment_id', '=', 'pw.amendment_id'),
    )
    .select((eb) => [
      'pw.planned_walk_id',
      'pw.amendment_id',
      'a.status as amendment_status',
      'pw.week_of',
      'pw.walk_date',
      sql<string>`to_char(pw.window_start, 'HH24:MI')`.as('window_start'),
      sql<string>`to_char(pw.window_end, 'HH24:MI')`.as('window_end'),
      'pw.kind',
      'pw.focus_title',
      'pw.observer_ids',
      eb
        .selectFrom('people as p')
        .select(sql<string[]>`coalesce(array_agg(p.full_name ORDER BY p.full_name), '{}')`.as('n'))
        .where(sql<boolean>`p.person_id = ANY(pw.observer_ids)`)
        .as('observer_names'),
      eb
        .selectFrom('walks as w')
        .select('w.walk_id')
        .whereRef('w.planned_walk_id', '=', 'pw.planned_walk_id')
        .where('w.status', '<>', 'cancelled')
        .limit(1)
        .as('walk_id'),
    ])
    .where('pw.programme_id', '=', programmeId)
    .orderBy(sql`coalesce(pw.walk_date, pw.week_of)`)
    .orderBy('pw.window_start')
    .execute();
}
export type PlannedWalkRow = Awaited<ReturnType<typeof listPlannedWalks>>[number];

export async function insertPlannedWalks(
  tx: Tx,
  base: { trustId: string; programmeId: string; amendmentId: string | null; now: Date },
  walks: readonly PlannedWalkInput[],
) {
  await tx
    .insertInto('programme_planned_walks')
    .values(
      walks.map((w) => ({
        trust_id: base.trustId,
        programme_id: base.programmeId,
        amendment_id: base.amendmentId,
        week_of: w.date ? null : w.weekOf,
        walk_date: w.date,
        window_start: w.windowStart,
        window_end: w.windowEnd,
        kind: w.kind,
        focus_title: w.focusTitle,
        observer_ids: [...new Set(w.observerIds)],
        created_at: base.now,
      })),
    )
    .execute();
}

export function deletePlannedWalk(tx: Tx, programmeId: string, plannedWalkId: string) {
  return tx
    .deleteFrom('programme_planned_walks')
    .where('programme_id', '=', programmeId)
    .where('planned_walk_id', '=', plannedWalkId)
    .executeTakeFirst();
}

export function listAmendments(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('programme_amendments')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('opened_at')
    .execute();
}

export function findAmendment(tx: Tx, programmeId: string, amendmentId: string) {
  return tx
    .selectFrom('programme_amendments')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('amendment_id', '=', amendmentId)
    .executeTakeFirst();
}
