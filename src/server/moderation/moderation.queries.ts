import { sql } from 'kysely';
import type { Guidance } from '../../domain/frameworks/types.ts';
import type { Tx } from '../db/with-tenant.ts';

// Moderation sessions (migration 0042, issue 15), and what they read of frameworks and scenes.

const OBSERVING_ROLES = ['trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher'];

export function publishedVersions(tx: Tx) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.version_id', 'v.version_no', 'f.name as framework_name'])
    .where('v.status', '=', 'published')
    .where('f.kind', '=', 'learning')
    .orderBy('f.name')
    .orderBy('v.version_no', 'desc')
    .execute();
}

export function findVersion(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select([
      'v.version_id',
      'v.version_no',
      'v.status',
      'v.framework_id',
      'f.name as framework_name',
    ])
    .where('v.version_id', '=', versionId)
    .executeTakeFirst();
}

/** The framework's newest published version number. */
export function latestPublishedNo(tx: Tx, frameworkId: string) {
  return tx
    .selectFrom('framework_versions')
    .select(sql<number | null>`max(version_no)`.as('no'))
    .where('framework_id', '=', frameworkId)
    .where('status', '=', 'published')
    .executeTakeFirst()
    .then((r) => r?.no ?? null);
}

/** The version's seen and prevalence look-fors, with their keys and guidance. */
export function versionLookFors(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_look_fors as l')
    .innerJoin('framework_lenses as n', (j) =>
      j.onRef('n.trust_id', '=', 'l.trust_id').onRef('n.lens_id', '=', 'l.lens_id'),
    )
    .select(['l.look_for_id', 'l.key', 'l.prompt', 'l.answer_kind', 'l.guidance'])
    .where('l.version_id', '=', versionId)
    .where('l.audience', '=', 'observer')
    .where('l.answer_kind', 'in', ['seen', 'prevalence'])
    .orderBy('n.position')
    .orderBy('l.position')
    .execute()
    .then((rows) =>
      rows.map((r) => {
        const g = r.guidance as Guidance | null;
        return {
          id: r.look_for_id,
          key: r.key,
          prompt: r.prompt,
          answerKind: r.answer_kind as 'seen' | 'prevalence',
          looksLike: g?.looksLike?.trim() || null,
          doesNotMean: g?.doesNotMean?.trim() || null,
        };
      }),
    );
}

export function scenesOfVersions(tx: Tx, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('practice_scenes')
    .select(['scene_id', 'version_id', 'title', 'scene', 'reference'])
    .where('version_id', 'in', [...versionIds])
    .orderBy('created_at')
    .execute();
}

export function schools(tx: Tx) {
  return tx.selectFrom('schools').select(['school_id', 'name']).orderBy('name').execute();
}

/** People who may take part: an observing role in the trust, or in the school when one is given. */
export function eligiblePeople(tx: Tx, schoolIds: readonly string[] | null) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name'])
    .where('p.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.role', 'in', OBSERVING_ROLES as never[])
          .$if(schoolIds !== null, (qb) =>
            qb.where((w) =>
              w.or([w('m.school_id', 'is', null), w('m.school_id', 'in', [...schoolIds!, zero])]),
            ),
          ),
      ),
    )
    .orderBy('p.full_name')
    .execute();
}
const zero = '00000000-0000-0000-0000-000000000000';

export function insertSession(
  tx: Tx,
  v: {
    trustId: string;
    schoolId: string | null;
    versionId: string;
    title: string;
    heldOn: string;
    facilitatorId: string;
    createdBy: string;
    now: Date;
  },
) {
  return tx
    .insertInto('moderation_sessions')
    .values({
      trust_id: v.trustId,
      school_id: v.schoolId,
      version_id: v.versionId,
      title: v.title,
      held_on: v.heldOn,
      facilitator_id: v.facilitatorId,
      created_by: v.createdBy,
      created_at: v.now,
    })
    .returning('session_id')
    .executeTakeFirstOrThrow();
}

export async function insertMembers(
  tx: Tx,
  trustId: string,
  sessionId: string,
  personIds: readonly string[],
  sceneIds: readonly string[],
  pairs: readonly { a: string; b: string }[],
) {
  await tx
    .insertInto('moderation_participants')
    .values(personIds.map((person_id) => ({ trust_id: trustId, session_id: sessionId, person_id })))
    .execute();
  if (sceneIds.length) {
    await tx
      .insertInto('moderation_scenes')
      .values(
        sceneIds.map((scene_id, position) => ({
          trust_id: trustId,
          session_id: sessionId,
          scene_id,
          position,
        })),
      )
      .execute();
  }
  if (pairs.length) {
    await tx
      .insertInto('moderation_pairs')
      .values(
        pairs.map((p, position) => ({
          trust_id: trustId,
          session_id: sessionId,
          position,
          a_record_id: p.a,
          b_record_id: p.b,
        })),
      )
      .execute();
  }
}

/** Recent visits recorded by two observers, both handed in, under this version (each pair once). */
export function recentPairs(tx: Tx, versionId: string, schoolId: string | null, limit: number) {
  return tx
    .selectFrom('records as a')
    .innerJoin('records as b', (j) =>
      j
        .onRef('b.trust_id', '=', 'a.trust_id')
        .onRef('b.visit_id', '=', 'a.visit_id')
        .on(sql<boolean>`b.observer_id > a.observer_id`),
    )
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'a.trust_id').onRef('v.visit_id', '=', 'a.visit_id'),
    )
    .select(['a.record_id as a', 'b.record_id as b'])
    .where('a.framework_version_id', '=', versionId)
    .where('b.framework_version_id', '=', versionId)
    .where('a.handed_in_at', 'is not', null)
    .where('b.handed_in_at', 'is not', null)
    .where('v.status', '!=', 'cancelled')
    .$if(schoolId !== null, (qb) => qb.where('v.school_id', '=', schoolId!))
    .orderBy('v.visit_date', 'desc')
    .orderBy('a.record_id')
    .limit(limit)
    .execute();
}

export function findSession(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_sessions as s')
    .innerJoin('people as f', (j) =>
      j.onRef('f.trust_id', '=', 's.trust_id').onRef('f.person_id', '=', 's.facilitator_id'),
    )
    .leftJoin('schools as sc', (j) =>
      j.onRef('sc.trust_id', '=', 's.trust_id').onRef('sc.school_id', '=', 's.school_id'),
    )
    .leftJoin('framework_versions as g', (j) =>
      j.onRef('g.trust_id', '=', 's.trust_id').onRef('g.version_id', '=', 's.guidance_version_id'),
    )
    .selectAll('s')
    .select(['f.full_name as facilitator_name', 'sc.name as school_name', 'g.version_no as g_no'])
    .where('s.session_id', '=', sessionId)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Sessions the person facilitates or takes part in, or (with `schoolIds`) runs in those schools. */
export function listSessions(tx: Tx, personId: string, runs: 'all' | readonly string[]) {
  return tx
    .selectFrom('moderation_sessions as s')
    .innerJoin('framework_versions as v', (j) =>
      j.onRef('v.trust_id', '=', 's.trust_id').onRef('v.version_id', '=', 's.version_id'),
    )
    .innerJoin('frameworks as fw', (j) =>
      j.onRef('fw.trust_id', '=', 'v.trust_id').onRef('fw.framework_id', '=', 'v.framework_id'),
    )
    .innerJoin('people as f', (j) =>
      j.onRef('f.trust_id', '=', 's.trust_id').onRef('f.person_id', '=', 's.facilitator_id'),
    )
    .leftJoin('schools as sc', (j) =>
      j.onRef('sc.trust_id', '=', 's.trust_id').onRef('sc.school_id', '=', 's.school_id'),
    )
    .select([
      's.session_id',
      's.title',
      's.held_on',
      'sc.name as school_name',
      'fw.name as framework_name',
      'v.version_no',
      'f.full_name as facilitator_name',
    ])
    .$if(runs !== 'all', (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('s.facilitator_id', '=', personId),
          eb('s.school_id', 'in', [...(runs as readonly string[]), zero]),
          eb.exists(
            eb
              .selectFrom('moderation_participants as mp')
              .select('mp.person_id')
              .whereRef('mp.trust_id', '=', 's.trust_id')
              .whereRef('mp.session_id', '=', 's.session_id')
              .where('mp.person_id', '=', personId),
          ),
        ]),
      ),
    )
    .orderBy('s.held_on', 'desc')
    .orderBy('s.title')
    .execute();
}

export function participants(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_participants as mp')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'mp.trust_id').onRef('p.person_id', '=', 'mp.person_id'),
    )
    .select(['mp.person_id', 'p.full_name'])
    .where('mp.session_id', '=', sessionId)
    .orderBy('p.full_name')
    .execute();
}

export function sessionScenes(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_scenes as ms')
    .innerJoin('practice_scenes as ps', (j) =>
      j.onRef('ps.trust_id', '=', 'ms.trust_id').onRef('ps.scene_id', '=', 'ms.scene_id'),
    )
    .select(['ps.scene_id', 'ps.title', 'ps.scene', 'ps.reference'])
    .where('ms.session_id', '=', sessionId)
    .orderBy('ms.position')
    .execute();
}

export function readings(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_readings')
    .select(['scene_id', 'person_id', 'answers'])
    .where('session_id', '=', sessionId)
    .execute();
}

export function saveReading(
  tx: Tx,
  v: {
    trustId: string;
    sessionId: string;
    sceneId: string;
    personId: string;
    answers: Record<string, boolean | string | null>;
    now: Date;
  },
) {
  const answers = JSON.stringify(v.answers);
  return tx
    .insertInto('moderation_readings')
    .values({
      trust_id: v.trustId,
      session_id: v.sessionId,
      scene_id: v.sceneId,
      person_id: v.personId,
      answers,
      handed_in_at: v.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['trust_id', 'session_id', 'scene_id', 'person_id'])
        .doUpdateSet({ answers, handed_in_at: v.now }),
    )
    .execute();
}

/** The session's paired records: only their answers leave here, and the visit's teacher for k. */
export function sessionPairs(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_pairs as mp')
    .innerJoin('records as a', (j) =>
      j.onRef('a.trust_id', '=', 'mp.trust_id').onRef('a.record_id', '=', 'mp.a_record_id'),
    )
    .innerJoin('records as b', (j) =>
      j.onRef('b.trust_id', '=', 'mp.trust_id').onRef('b.record_id', '=', 'mp.b_record_id'),
    )
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'a.trust_id').onRef('v.visit_id', '=', 'a.visit_id'),
    )
    .select([
      'mp.position',
      'v.teacher_id',
      sql<{ answers?: { lookForId: string; kind: string; value: unknown }[] }>`a.body`.as('a_body'),
      sql<{ answers?: { lookForId: string; kind: string; value: unknown }[] }>`b.body`.as('b_body'),
    ])
    .where('mp.session_id', '=', sessionId)
    .orderBy('mp.position')
    .execute();
}

export function agreedReadings(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('moderation_agreed_readings')
    .select(['look_for_id', 'text', 'part'])
    .where('session_id', '=', sessionId)
    .execute();
}

export function saveAgreedReading(
  tx: Tx,
  v: {
    trustId: string;
    sessionId: string;
    lookForId: string;
    text: string;
    part: 'looksLike' | 'doesNotMean';
    personId: string;
    now: Date;
  },
) {
  return tx
    .insertInto('moderation_agreed_readings')
    .values({
      trust_id: v.trustId,
      session_id: v.sessionId,
      look_for_id: v.lookForId,
      text: v.text,
      part: v.part,
      noted_by: v.personId,
      noted_at: v.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['trust_id', 'session_id', 'look_for_id'])
        .doUpdateSet({ text: v.text, part: v.part, noted_by: v.personId, noted_at: v.now }),
    )
    .execute();
}

export function updateSession(
  tx: Tx,
  sessionId: string,
  set: { revealed_at?: Date; guidance_version_id?: string },
) {
  return tx
    .updateTable('moderation_sessions')
    .set(set)
    .where('session_id', '=', sessionId)
    .execute();
}

/** The trust's k: the largest of its schools' minimum group sizes (or this school's). */
export function minGroupSize(tx: Tx, schoolId: string | null) {
  return tx
    .selectFrom('school_protocol_settings')
    .select(sql<number | null>`max(min_group_size)`.as('k'))
    .$if(schoolId !== null, (qb) => qb.where('school_id', '=', schoolId!))
    .executeTakeFirst()
    .then((r) => r?.k ?? null);
}
