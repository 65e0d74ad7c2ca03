import type {
  ConsentInput,
  PracticeExample,
  ProposeExampleInput,
} from '../../contracts/practice.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { insertNotices } from '../kernel/in-app-notices.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { decide } from '../policy/policy.ts';
import * as q from './practice.queries.ts';

/**
 * The practice library (issue 16). A school's leaders propose a bright spot from a debrief, seen
 * in one visit, as a short example; since it identifies the room, it is published only when the
 * visited teacher agrees, and it carries their name only if they agree to that too. Staff of a
 * school read its library and what other schools share with the trust, searchable by look-for.
 */

const audit = (tx: Tx, auth: SignedIn, action: string, exampleId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'practice_example',
    subjectId: exampleId,
  });

function dto(r: q.ExampleRow): PracticeExample {
  return {
    id: r.example_id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    lookFor: r.look_for,
    title: r.title,
    body: r.body,
    scope: r.scope,
    status: r.status,
    teacherName: r.status === 'published' && r.named ? r.teacher_name : null,
  };
}

export function proposeExample(
  deps: AppDeps,
  auth: SignedIn,
  debriefId: string,
  input: ProposeExampleInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const debrief = await q.debriefOf(tx, debriefId);
    if (!debrief) throw notFound('The debrief');
    await authorisedSchool(
      tx,
      auth,
      debrief.school_id,
      'debrief.manage',
      'propose examples from this school’s debriefs',
    );
    const visit = await q.visitOfDebrief(tx, debriefId, input.visitId);
    if (!visit) {
      throw new AppError(
        'practice_visit_invalid',
        'That visit is not on one of the debrief’s walks. Choose a visit from the walks the debrief covers.',
        [{ field: 'body.visitId', message: 'is not a visit of the debrief’s walks' }],
      );
    }
    const id = await q.insertExample(tx, {
      trust_id: auth.actor.trustId,
      school_id: debrief.school_id,
      debrief_id: debriefId,
      visit_id: visit.visit_id,
      teacher_id: visit.teacher_id,
      look_for: input.lookFor,
      title: input.title,
      body: input.body,
      scope: input.scope,
      proposed_by: auth.actor.personId,
      proposed_at: deps.now(),
    });
    await insertNotices(tx, [
      {
        trust_id: auth.actor.trustId,
        person_id: visit.teacher_id,
        school_id: debrief.school_id,
        kind: 'practice_consent_asked',
        title: 'May an example from your lesson go in the practice library?',
        body: `“${input.title}” comes from a learning walk visit to your lesson. It is published only if you agree, and your name is shown only if you choose.`,
        link: `/schools/${debrief.school_id}/practice-library`,
        walk_id: null,
        visit_id: visit.visit_id,
        created_at: deps.now(),
      },
    ]);
    await audit(tx, auth, 'practice.propose', id);
    return dto((await q.findExample(tx, id))!);
  });
}

/** The visited teacher agrees (and says whether to be named) or declines; once. */
export function answerExample(
  deps: AppDeps,
  auth: SignedIn,
  exampleId: string,
  input: ConsentInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const e = await q.findExample(tx, exampleId);
    if (!e) throw notFound('The example');
    const decision = decide(auth.actor, 'practice.consent', {
      trustId: auth.actor.trustId,
      schoolId: e.school_id,
      personId: e.teacher_id,
    });
    if (decision !== 'allow')
      throw forbidden('agree to publishing an example from someone else’s lesson');
    if (e.status !== 'asked') {
      throw new AppError(
        'practice_answered',
        `You have already ${e.status === 'published' ? 'agreed to publish' : 'declined'} this example.`,
      );
    }
    await q.answer(tx, exampleId, {
      status: input.agree ? 'published' : 'declined',
      named: input.agree && input.named,
      answered_at: deps.now(),
    });
    await audit(tx, auth, input.agree ? 'practice.agree' : 'practice.decline', exampleId);
    return dto((await q.findExample(tx, exampleId))!);
  });
}

/** Examples from my lessons waiting for my answer. */
export function myPracticeRequests(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => ({
    examples: (await q.requestsOf(tx, auth.actor.personId)).map(dto),
  }));
}

export function practiceLibrary(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  lookFor: string | undefined,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      auth,
      schoolId,
      'practice.view',
      'read this school’s practice library',
    );
    return { examples: (await q.library(tx, schoolId, lookFor || undefined)).map(dto) };
  });
}
