import { sql, type Updateable } from 'kysely';
import type { ProgrammesTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

const programmeColumns = [
  'p.trust_id',
  'p.school_id',
  'p.programme_id',
  'p.term_id',
  'p.starts_on',
  'p.ends_on',
  'p.title',
  'p.description',
  'p.status',
  'p.consultation_opened_at',
  'p.agreed_on',
  'p.agreement_how',
  'p.published_at',
  'p.created_by',
] as const;

function programmes(tx: Tx) {
  return tx
    .selectFrom('programmes as p')
    .leftJoin('school_terms as t', (j) =>
      j.onRef('t.trust_id', '=', 'p.trust_id').onRef('t.term_id', '=', 'p.term_id'),
    )
    .select(programmeColumns)
    .select((eb) => [
      't.name as term_name',
      eb
        .selectFrom('walks as w')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('w.programme_id', '=', 'p.programme_id')
        .where('w.status', '<>', 'cancelled')
        .as('walk_count'),
    ]);
}

export function listProgrammes(tx: Tx, schoolId: string) {
  return programmes(tx)
    .where('p.school_id', '=', schoolId)
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.title')
    .execute();
}

export function findProgramme(tx: Tx, programmeId: string) {
  return programmes(tx)
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'p.trust_id').onRef('s.school_id', '=', 'p.school_id'),
    )
    .leftJoin('people as c', (j) =>
      j.onRef('c.trust_id', '=', 'p.trust_id').onRef('c.person_id', '=', 'p.created_by'),
    )
    .select(['s.name as school_name', 'c.full_name as created_by_name'])
    .where('p.programme_id', '=', programmeId)
    .executeTakeFirst();
}
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export function findTerm(tx: Tx, schoolId: string, termId: string) {
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .executeTakeFirst();
}

export function listTerms(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute();
}

export async function insertProgramme(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    termId: string | null;
    startsOn: string;
    endsOn: string;
    title: string;
    description: string;
    createdBy: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('programmes')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      term_id: row.termId,
      starts_on: row.startsOn,
      ends_on: row.endsOn,
      title: row.title,
      description: row.description,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('programme_id')
    .executeTakeFirstOrThrow();
  return inserted.programme_id;
}

export function updateProgramme(
  tx: Tx,
  programmeId: string,
  set: Omit<Updateable<ProgrammesTable>, 'programme_id' | 'trust_id' | 'school_id'>,
) {
  return tx
    .updateTable('programmes')
    .set(set)
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
}

export function listComments(tx: Tx, programmeId: string) {
  return (
    tx
      .selectFrom('programme_comments as c')
      // An anonymous comment has no author: nothing here can join it to a person.
      .leftJoin('people as a', (j) =>
        j.onRef('a.trust_id', '=', 'c.trust_id').onRef('a.person_id', '=', 'c.author_id'),
      )
      .leftJoin('people as r', (j) =>
        j.onRef('r.trust_id', '=', 'c.trust_id').onRef('r.person_id', '=', 'c.answered_by'),
      )
      .select([
        'c.comment_id',
        'c.author_id',
        'a.full_name as author_name',
        'c.anonymous',
        'c.amendment_id',
        'c.body',
        'c.created_at',
        'c.answer',
        'r.full_name as answered_by_name',
        'c.answered_at',
      ])
      .where('c.programme_id', '=', programmeId)
      .orderBy('c.created_at')
      .orderBy('c.comment_id')
      .execute()
  );
}

export async function insertComment(
  tx: Tx,
  row: {
    trustId: string;
    programmeId: string;
    /** null: anonymous. */
    authorId: string | null;
    amendmentId: string | null;
    body: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('programme_comments')
    .values({
      trust_id: row.trustId,
      programme_id: row.programmeId,
      author_id: row.authorId,
      anonymous: row.authorId === null,
      amendment_id: row.amendmentId,
      body: row.body,
      created_at: row.now,
    })
    .returning('comment_id')
    .executeTakeFirstOrThrow();
  return inserted.comment_id;
}

export function findComment(tx: Tx, programmeId: string, commentId: string) {
  return tx
    .selectFrom('programme_comments')
    .select(['comment_id', 'answer', 'amendment_id'])
    .where('programme_id', '=', programmeId)
    .where('comment_id', '=', commentId)
    .executeTakeFirst();
}

export function answerComment(
  tx: Tx,
  commentId: string,
  answer: { text: string; by: string; now: Date },
) {
  return tx
    .updateTable('programme_comments')
    .set({ answer: answer.text, answered_by: answer.by, answered_at: answer.now })
    .where('comment_id', '=', commentId)
    .execute();
}

/** The programme's walks, with observer names and how many visits each has (no teacher names). */
export function listProgrammeWalks(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('walks as w')
    .select((eb) => [
      'w.walk_id',
      'w.walk_date',
      sql<string>`to_char(w.window_start, 'HH24:MI')`.as('window_start'),
      sql<string>`to_char(w.window_end, 'HH24:MI')`.as('window_end'),
      'w.kind',
      'w.focus_title',
      'w.purpose',
      'w.status',
      eb
        .selectFrom('walk_observers as o')
        .innerJoin('people as p', (j) =>
          j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
        )
        .select(sql<string[]>`coalesce(array_agg(p.full_name ORDER BY p.full_name), '{}')`.as('n'))
        .whereRef('o.walk_id', '=', 'w.walk_id')
        .as('observer_names'),
      eb
        .selectFrom('visits as v')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('v.walk_id', '=', 'w.walk_id')
        .where('v.status', '=', 'planned')
        .as('visit_count'),
    ])
    .where('w.programme_id', '=', programmeId)
    .orderBy('w.walk_date')
    .orderBy('w.window_start')
    .execute();
}
