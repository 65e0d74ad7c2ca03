import type {
  AnswerFeedbackInput,
  FeedbackConversation,
  OfferFeedbackInput,
} from '../../contracts/feedback.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { insertNotices } from '../kernel/in-app-notices.ts';
import { decide } from '../policy/policy.ts';
import * as q from './feedback.queries.ts';

/**
 * Feedback as agreed (issue 16). When a walk's plan says feedback is given in person, the walk's
 * observer (or a leader of the school) offers each visited teacher times for a short
 * conversation; the teacher picks one or says written feedback is fine; the observer records it
 * held. The calendar feed carries arranged conversations; the protocol report counts them.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, visitId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'visit',
    subjectId: visitId,
  });

function dto(r: q.ConversationRow): FeedbackConversation {
  return {
    visitId: r.visit_id,
    walkId: r.walk_id,
    teacherName: r.teacher_name,
    classCode: r.class_code,
    visitStart: iso(r.planned_start),
    offeredTimes: r.offered_times.map(iso),
    minutes: r.minutes,
    choice: r.choice,
    chosenTime: r.chosen_time ? iso(r.chosen_time) : null,
    heldAt: r.held_at ? iso(r.held_at) : null,
  };
}

/** The visit, for someone who may offer feedback on it: its observers, or the school's leaders. */
async function visitToOffer(tx: Tx, auth: SignedIn, visitId: string) {
  const v = await q.visitForFeedback(tx, visitId);
  if (!v) throw notFound('The visit');
  const observer = v.observers.includes(auth.actor.personId);
  const decision = decide(auth.actor, 'feedback.offer', {
    trustId: v.trust_id,
    schoolId: v.school_id,
    ...(observer ? { personId: auth.actor.personId } : {}),
  });
  if (decision === 'not_found') throw notFound('The visit');
  if (decision === 'deny')
    throw forbidden('offer feedback on a visit of a walk you do not observe');
  return v;
}

/** The visit, for its own teacher; to anyone else in the trust it is forbidden. */
async function visitToAnswer(tx: Tx, auth: SignedIn, visitId: string) {
  const v = await q.visitForFeedback(tx, visitId);
  if (!v) throw notFound('The visit');
  const decision = decide(auth.actor, 'feedback.answer', {
    trustId: v.trust_id,
    schoolId: v.school_id,
    personId: v.teacher_id,
  });
  if (decision === 'not_found') throw notFound('The visit');
  if (decision === 'deny')
    throw forbidden('answer a feedback offer for a lesson that is not yours');
  return v;
}

export function offerFeedback(
  deps: AppDeps,
  auth: SignedIn,
  visitId: string,
  input: OfferFeedbackInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const v = await visitToOffer(tx, auth, visitId);
    if (!v.feedback_in_person || v.status !== 'planned' || v.walk_status !== 'published') {
      throw new AppError(
        'feedback_not_in_person',
        !v.feedback_in_person
          ? 'The walk’s plan does not say feedback is given in person. Tick “Feedback is given in person” in the walk’s planning questions first.'
          : 'The visit is not on a published walk, or was cancelled: there is nothing to give feedback on.',
      );
    }
    const times = [...new Set(input.times.map(iso))].sort();
    const early = times.findIndex((t) => t < iso(v.planned_end));
    if (early >= 0) {
      throw new AppError(
        'feedback_time_invalid',
        'Each time offered must be after the visit ends. Choose times after the lesson.',
        [{ field: `body.times.${early}`, message: 'is before the visit ends' }],
      );
    }
    const existing = await q.findRow(tx, visitId);
    if (existing?.choice) {
      throw new AppError(
        'feedback_answered',
        'The teacher has already answered this offer. Record the conversation as held, or talk to them directly.',
      );
    }
    await q.saveOffer(tx, {
      trust_id: v.trust_id,
      visit_id: visitId,
      school_id: v.school_id,
      walk_id: v.walk_id,
      teacher_id: v.teacher_id,
      offered_by: auth.actor.personId,
      offered_times: JSON.stringify(times),
      minutes: input.minutes,
      offered_at: deps.now(),
    });
    await insertNotices(tx, [
      {
        trust_id: v.trust_id,
        person_id: v.teacher_id,
        school_id: v.school_id,
        kind: 'feedback_offered',
        title: `Feedback on the learning walk visit to ${v.class_code}: choose a time`,
        body: `You are offered a short feedback conversation (${input.minutes} minutes) at ${times.length === 1 ? 'one time' : `${times.length} times`}. Pick one, or say written feedback is fine.`,
        link: '/my-visits#feedback',
        walk_id: v.walk_id,
        visit_id: visitId,
        created_at: deps.now(),
      },
    ]);
    await audit(tx, auth, 'feedback.offer', visitId);
    return dto((await q.conversationOf(tx, visitId))!);
  });
}

export function answerFeedback(
  deps: AppDeps,
  auth: SignedIn,
  visitId: string,
  input: AnswerFeedbackInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await visitToAnswer(tx, auth, visitId);
    const row = await q.findRow(tx, visitId);
    if (!row) throw notFound('The feedback offer');
    if (row.choice) {
      throw new AppError(
        'feedback_answered',
        'You have already answered this offer. Ask the observer if you want to change it.',
      );
    }
    const now = deps.now();
    if ('written' in input) {
      await q.update(tx, visitId, { choice: 'written', answered_at: now });
    } else {
      const chosen = iso(input.time);
      if (!row.offered_times.map(iso).includes(chosen)) {
        throw new AppError(
          'feedback_time_invalid',
          'That time is not one of the times offered. Pick one of them, or say written feedback is fine.',
          [{ field: 'body.time', message: 'is not one of the times offered' }],
        );
      }
      await q.update(tx, visitId, { choice: 'time', chosen_time: chosen, answered_at: now });
    }
    await audit(tx, auth, 'feedback.answer', visitId);
    return dto((await q.conversationOf(tx, visitId))!);
  });
}

export function feedbackHeld(deps: AppDeps, auth: SignedIn, visitId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await visitToOffer(tx, auth, visitId);
    const row = await q.findRow(tx, visitId);
    if (row?.choice !== 'time' || row.held_at) {
      throw new AppError(
        'feedback_not_arranged',
        row?.held_at
          ? 'The conversation is already recorded as held.'
          : 'No conversation is arranged: the teacher has not picked a time (or asked for written feedback).',
      );
    }
    await q.update(tx, visitId, { held_at: deps.now() });
    await audit(tx, auth, 'feedback.held', visitId);
    return dto((await q.conversationOf(tx, visitId))!);
  });
}

/** The walk's visits with their feedback offers, for its observers and the school's leaders. */
export function walkFeedback(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const w = await q.walkForFeedback(tx, walkId);
    if (!w) throw notFound('The walk');
    const observer = (await q.observersOf(tx, walkId)).includes(auth.actor.personId);
    const decision = decide(auth.actor, 'feedback.offer', {
      trustId: w.trust_id,
      schoolId: w.school_id,
      ...(observer ? { personId: auth.actor.personId } : {}),
    });
    if (decision === 'not_found') throw notFound('The walk');
    if (decision === 'deny') throw forbidden('see feedback for a walk you do not observe');
    const [visits, rows] = await Promise.all([
      q.visitsOfWalk(tx, walkId),
      q.conversationsOfWalk(tx, walkId),
    ]);
    return {
      inPerson: w.feedback_in_person === true,
      visits: visits.map((v) => {
        const r = rows.find((x) => x.visit_id === v.visit_id);
        return {
          visitId: v.visit_id,
          teacherName: v.teacher_name,
          classCode: v.class_code,
          conversation: r ? dto(r) : null,
        };
      }),
    };
  });
}

/** The feedback conversations offered to me, newest visit first. */
export function myFeedback(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => ({
    conversations: (await q.conversationsOfTeacher(tx, auth.actor.personId)).map(dto),
  }));
}
