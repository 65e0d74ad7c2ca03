import type { Updateable } from 'kysely';
import type { WalkInvitationsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';

// Invitations: a teacher's open door.

export function listInvitations(tx: Tx, filter: { schoolId: string; teacherId?: string }) {
  let query = tx
    .selectFrom('walk_invitations as i')
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'i.trust_id').onRef('t.person_id', '=', 'i.teacher_id'),
    )
    .select([
      'i.invitation_id',
      'i.school_id',
      'i.teacher_id',
      shownNameOf('t').as('teacher_name'),
      'i.lesson_id',
      'i.class_code',
      'i.invite_date',
      'i.note',
      'i.status',
      'i.walk_id',
      'i.answer_note',
      'i.created_at',
    ])
    .where('i.school_id', '=', filter.schoolId);
  if (filter.teacherId) query = query.where('i.teacher_id', '=', filter.teacherId);
  return query.orderBy('i.invite_date').orderBy('i.created_at').execute();
}

export function findInvitation(tx: Tx, invitationId: string) {
  return tx
    .selectFrom('walk_invitations')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
}

/** The school's lesson with this id, as an invitation needs it. */
export function findSchoolLesson(tx: Tx, schoolId: string, lessonId: string) {
  return tx
    .selectFrom('lessons')
    .select(['lesson_id', 'teacher_id', 'class_code', 'weekday', 'cycle_week'])
    .where('lesson_id', '=', lessonId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function insertInvitation(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    teacherId: string;
    lesson: { lesson_id: string; class_code: string };
    date: string;
    note: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('walk_invitations')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      teacher_id: row.teacherId,
      lesson_id: row.lesson.lesson_id,
      invite_date: row.date,
      note: row.note,
      class_code: row.lesson.class_code,
      created_at: row.now,
    })
    .returning('invitation_id')
    .executeTakeFirstOrThrow();
  return inserted.invitation_id;
}

/** Records a leader's answer to an invitation. */
export async function answerInvitation(
  tx: Tx,
  invitationId: string,
  answer: Pick<
    Updateable<WalkInvitationsTable>,
    'status' | 'walk_id' | 'answer_note' | 'answered_by' | 'answered_at'
  >,
) {
  await tx
    .updateTable('walk_invitations')
    .set(answer)
    .where('invitation_id', '=', invitationId)
    .execute();
}
