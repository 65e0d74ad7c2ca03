import { sql } from 'kysely';
import { canonicalBody, type RecordBodyInput } from '../../domain/records/body.ts';
import type { Tx } from '../db/with-tenant.ts';

/** Which agreed planned walk each walk carries out: the programme's own, or an amendment's. */
export async function plannedOf(tx: Tx, walkIds: readonly string[]) {
  const map = new Map<string, 'programme' | 'amendment' | null>();
  if (walkIds.length === 0) return map;
  const rows = await tx
    .selectFrom('walks as w')
    .leftJoin('programme_planned_walks as pw', (j) =>
      j
        .onRef('pw.trust_id', '=', 'w.trust_id')
        .onRef('pw.planned_walk_id', '=', 'w.planned_walk_id'),
    )
    .select(['w.walk_id', 'pw.planned_walk_id', 'pw.amendment_id'])
    .where('w.walk_id', 'in', walkIds)
    .execute();
  for (const r of rows) {
    map.set(r.walk_id, r.planned_walk_id ? (r.amendment_id ? 'amendment' : 'programme') : null);
  }
  return map;
}

/** Consultations on these programmes and their amendments, with comment counts. */
export async function consultations(tx: Tx, programmeIds: readonly string[]) {
  if (programmeIds.length === 0) return [];
  const [programmes, amendments, comments] = await Promise.all([
    tx
      .selectFrom('programmes')
      .select(['programme_id', 'consultation_opened_at as opened_at', 'agreed_on'])
      .where('programme_id', 'in', programmeIds)
      .execute(),
    tx
      .selectFrom('programme_amendments')
      .select(['programme_id', 'amendment_id', 'opened_at', 'agreed_on'])
      .where('programme_id', 'in', programmeIds)
      .where('status', '<>', 'withdrawn')
      .execute(),
    tx
      .selectFrom('programme_comments')
      .select([
        'programme_id',
        'amendment_id',
        sql<number>`count(*)::int`.as('comments'),
        sql<number>`count(*) FILTER (WHERE anonymous)::int`.as('anonymous'),
        sql<number>`count(*) FILTER (WHERE answer IS NULL)::int`.as('unanswered'),
      ])
      .where('programme_id', 'in', programmeIds)
      .groupBy(['programme_id', 'amendment_id'])
      .execute(),
  ]);
  const countsOf = (programmeId: string, amendmentId: string | null) =>
    comments.find((c) => c.programme_id === programmeId && c.amendment_id === amendmentId) ?? {
      comments: 0,
      anonymous: 0,
      unanswered: 0,
    };
  return [
    ...programmes
      .filter((p) => p.opened_at)
      .map((p) => ({
        kind: 'programme' as const,
        openedAt: p.opened_at!,
        agreedOn: p.agreed_on,
        ...countsOf(p.programme_id, null),
      })),
    ...amendments.map((a) => ({
      kind: 'amendment' as const,
      openedAt: a.opened_at,
      agreedOn: a.agreed_on,
      ...countsOf(a.programme_id, a.amendment_id),
    })),
  ];
}

/** The look-fors and student-voice prompts of the walks' foci (trust's and the school's own). */
export async function prompts(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return [];
  const focusIds = tx
    .selectFrom('walks')
    .select('focus_id')
    .where('walk_id', 'in', walkIds)
    .where('focus_id', 'is not', null);
  const [trust, own] = await Promise.all([
    tx
      .selectFrom('focus_look_fors as f')
      .innerJoin('framework_look_fors as l', (j) =>
        j.onRef('l.trust_id', '=', 'f.trust_id').onRef('l.look_for_id', '=', 'f.look_for_id'),
      )
      .select(['l.prompt as text', 'l.audience'])
      .where('f.focus_id', 'in', focusIds)
      .execute(),
    tx
      .selectFrom('focus_school_look_fors as f')
      .innerJoin('school_look_fors as l', (j) =>
        j
          .onRef('l.trust_id', '=', 'f.trust_id')
          .onRef('l.school_look_for_id', '=', 'f.school_look_for_id'),
      )
      .select(['l.prompt as text', 'l.audience'])
      .where('f.focus_id', 'in', focusIds)
      .execute(),
  ]);
  return [...trust, ...own].map((p) => ({
    text: p.text,
    audience: p.audience === 'pupils' ? ('pupils' as const) : ('observer' as const),
  }));
}

/** Handed-in records of the walks: counts for rule 8 and the notes for rule 9. */
export async function records(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) {
    return { handedIn: 0, versioned: 0, flags: 0, flagsAnswered: 0, responses: 0, bodies: [] };
  }
  const visitIds = tx.selectFrom('visits').select('visit_id').where('walk_id', 'in', walkIds);
  const [rows, flags, responses] = await Promise.all([
    tx
      .selectFrom('records as r')
      .select((eb) => [
        'r.body',
        eb
          .exists(
            eb
              .selectFrom('record_versions as v')
              .select('v.record_id')
              .whereRef('v.record_id', '=', 'r.record_id'),
          )
          .as('versioned'),
      ])
      .where('r.walk_id', 'in', walkIds)
      .where('r.handed_in_at', 'is not', null)
      .execute(),
    tx
      .selectFrom('record_flags')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) FILTER (WHERE status <> 'open')::int`.as('settled'),
      ])
      .where('visit_id', 'in', visitIds)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('visit_responses')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('visit_id', 'in', visitIds)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    handedIn: rows.length,
    versioned: rows.filter((r) => r.versioned).length,
    flags: flags.n,
    flagsAnswered: flags.settled,
    responses: responses.n,
    bodies: rows.map((r) => canonicalBody(r.body as RecordBodyInput)),
  };
}

/** The school's reviews with how many answered their pulse and how many were asked. */
export function reviews(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('reviews as r')
    .select((eb) => [
      'r.period_from',
      'r.period_to',
      'r.staff_count',
      eb
        .selectFrom('review_pulse_respondents as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.review_id', '=', 'r.review_id')
        .as('answered'),
    ])
    .where('r.school_id', '=', schoolId)
    .execute();
}
