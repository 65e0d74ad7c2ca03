import type { Invitation } from '../../contracts/walks.ts';
import { cycleWeekOf, formatDate, weekdayOf } from '../../domain/calendar/calendar.ts';
import { checkTeachingDay } from '../../domain/protocol/rules.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { noticeNewVisits, withTenantNotices } from '../notices/notices.service.ts';
import { decide } from '../policy/policy.ts';
import * as iq from './invitations.queries.ts';
import { firstFreeStart, lessonFacts, lessonsOfWalkDay, renumber } from './visit-slots.ts';
import * as vq from './visits.queries.ts';
import {
  audit,
  checkPlan,
  contextOf,
  coTeachersOf,
  currentFacts,
  refuse,
  requireOpen,
  walkFacts,
} from './walk-context.ts';
import { detail } from './walk-detail.ts';
import * as q from './walks.queries.ts';

// Invitations: a teacher's open door, and the leaders' answer.

function invitationDto(
  r: Awaited<ReturnType<typeof iq.listInvitations>>[number],
  me: string,
): Invitation {
  return {
    id: r.invitation_id,
    schoolId: r.school_id,
    teacherName: r.teacher_name,
    mine: r.teacher_id === me,
    lessonId: r.lesson_id,
    classCode: r.class_code,
    date: r.invite_date,
    note: r.note,
    status: r.status,
    walkId: r.walk_id,
    answerNote: r.answer_note,
    createdAt: r.created_at.toISOString(),
  };
}

export function listInvitations(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const where = { trustId: school.trust_id, schoolId };
    const canAnswer = decide(auth.actor, 'walk.manage', where) === 'allow';
    if (!canAnswer && decide(auth.actor, 'walk.invite', where) !== 'allow') {
      throw forbidden('see invitations to walks');
    }
    const rows = await iq.listInvitations(tx, {
      schoolId,
      ...(canAnswer ? {} : { teacherId: auth.actor.personId }),
    });
    return { invitations: rows.map((r) => invitationDto(r, auth.actor.personId)), canAnswer };
  });
}

export function createInvitation(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: { lessonId: string; date: string; note: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'walk.invite',
      'invite a walk into a lesson',
    );
    const lesson = await iq.findSchoolLesson(tx, schoolId, input.lessonId);
    const co = lesson ? await coTeachersOf(tx, [lesson.lesson_id]) : new Map();
    const me = auth.actor.personId;
    if (!lesson || (lesson.teacher_id !== me && !(co.get(lesson.lesson_id) ?? []).includes(me))) {
      throw new AppError(
        'not_your_lesson',
        'You can invite a walk only into a lesson you teach. Choose one of your own lessons.',
        [{ field: 'body.lessonId', message: 'is not one of your lessons' }],
      );
    }
    const settings = await loadSettingsRow(tx, schoolId);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
    const today = todayIn(school.time_zone, deps.now());
    if (input.date < today) {
      throw new AppError(
        'date_in_past',
        `${formatDate(input.date)} has passed. Choose a day from today on.`,
      );
    }
    const teaching = checkTeachingDay(input.date, calendar);
    if (teaching.length) refuse(teaching);
    if (
      weekdayOf(input.date) !== lesson.weekday ||
      cycleWeekOf(calendar, input.date) !== lesson.cycle_week
    ) {
      throw new AppError(
        'lesson_not_on_date',
        `${lesson.class_code} is not taught on ${formatDate(input.date)}. Choose a date when the lesson is on the timetable.`,
        [{ field: 'body.date', message: 'is not a day of this lesson' }],
      );
    }
    const invitationId = await iq.insertInvitation(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      teacherId: me,
      lesson,
      date: input.date,
      note: input.note,
      now: deps.now(),
    });
    await audit(tx, auth, 'walk_invitation.create', invitationId, 'walk_invitation');
    const rows = await iq.listInvitations(tx, { schoolId, teacherId: me });
    return invitationDto(rows.find((r) => r.invitation_id === invitationId)!, me);
  });
}

async function authorisedInvitation(tx: Tx, auth: SignedIn, invitationId: string) {
  const invitation = await iq.findInvitation(tx, invitationId);
  if (!invitation) throw notFound('The invitation');
  const where = { trustId: invitation.trust_id, schoolId: invitation.school_id };
  const decision = decide(auth.actor, 'walk.manage', where);
  if (decision === 'not_found') throw notFound('The invitation');
  if (decision === 'deny') throw forbidden('answer invitations to walks');
  if (invitation.status !== 'open') {
    throw new AppError(
      'invitation_answered',
      `This invitation has already been ${invitation.status}.`,
    );
  }
  return invitation;
}

/** Accepts a teacher's invitation: their lesson joins the walk as an invited visit. */
export function acceptInvitation(
  deps: AppDeps,
  auth: SignedIn,
  invitationId: string,
  walkId: string,
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const invitation = await authorisedInvitation(tx, auth, invitationId);
    const walk = await q.findWalk(tx, walkId);
    if (!walk || walk.school_id !== invitation.school_id) throw notFound('The walk');
    requireOpen(walk);
    if (walk.walk_date !== invitation.invite_date) {
      throw new AppError(
        'walk_on_another_day',
        `The invitation is for ${formatDate(invitation.invite_date)}, but that walk is on ${formatDate(walk.walk_date)}. Choose a walk on the invited day, or plan one.`,
      );
    }
    const ctx = await contextOf(tx, deps, walk);
    const lessons = await lessonsOfWalkDay(tx, ctx);
    const lesson = lessons.find((l) => l.lesson_id === invitation.lesson_id);
    if (!lesson) {
      throw new AppError(
        'lesson_gone',
        'The invited lesson is no longer on the timetable for that day. Decline the invitation with a note.',
      );
    }
    const current = await currentFacts(tx, ctx);
    const times = firstFreeStart(lesson, ctx, current);
    if (!times) {
      throw new AppError(
        'no_time_in_window',
        `The invited lesson (${lesson.starts_at}–${lesson.ends_at}) has no free slot inside the walk's window ${walk.window_start}–${walk.window_end}.`,
      );
    }
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
      ),
      [...current, lessonFacts(lesson, walk.walk_date, times, true)],
      'save',
    );
    if (violations.length) refuse(violations);
    const now = deps.now();
    await vq.insertVisits(
      tx,
      walk,
      [
        {
          lesson,
          ...times,
          order: 1000,
          invited: true,
          invitationId,
          reasons: ['The teacher invited the walk into this lesson.'],
        },
      ],
      now,
    );
    await renumber(tx, walkId);
    await iq.answerInvitation(tx, invitationId, {
      status: 'accepted',
      walk_id: walkId,
      answered_by: auth.actor.personId,
      answered_at: now,
    });
    notices.push(await noticeNewVisits(tx, deps, walkId, { actorPersonId: auth.actor.personId }));
    await audit(tx, auth, 'walk_invitation.accept', invitationId, 'walk_invitation');
    return detail(tx, deps, auth, walkId);
  });
}

export function declineInvitation(
  deps: AppDeps,
  auth: SignedIn,
  invitationId: string,
  note: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const invitation = await authorisedInvitation(tx, auth, invitationId);
    await iq.answerInvitation(tx, invitationId, {
      status: 'declined',
      answer_note: note || null,
      answered_by: auth.actor.personId,
      answered_at: deps.now(),
    });
    await audit(tx, auth, 'walk_invitation.decline', invitationId, 'walk_invitation');
    const rows = await iq.listInvitations(tx, { schoolId: invitation.school_id });
    return invitationDto(rows.find((r) => r.invitation_id === invitationId)!, auth.actor.personId);
  });
}
