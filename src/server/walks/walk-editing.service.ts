import type { WalkInput } from '../../contracts/walks.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { focusSizeProblem } from '../../domain/protocol/focus-size.ts';
import { toMinutes } from '../../domain/protocol/time.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { refuseUnlistedObservers } from '../kernel/peer-observer-rule.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadSettingsRow } from '../kernel/school-rules.ts';
import { refuseUntrainedObservers } from '../kernel/training-rule.ts';
import { requireHostAgreement, visitingObserverIds } from '../kernel/visiting.ts';
import {
  noticeVisitsChanged,
  noticeWalkPublished,
  withTenantNotices,
} from '../notices/notices.service.ts';
import { claimPlannedWalk } from '../programmes/planned-claim.ts';
import {
  audit,
  authorisedWalk,
  checkPlan,
  contextOf,
  currentFacts,
  noVisits,
  type Problem,
  refuse,
  requireOpen,
  walkFacts,
} from './walk-context.ts';
import { detail } from './walk-detail.ts';
import { savePlanning } from './walk-planning.ts';
import * as q from './walks.queries.ts';

// A walk's own fields and life: create, edit a draft, change the observers, publish, cancel.

async function resolveWalkInput(
  tx: Tx,
  schoolId: string,
  input: WalkInput,
  options: { visitors?: ReadonlySet<string>; observersBefore?: readonly string[] } = {},
) {
  const problems: { field: string; message: string }[] = [];
  if (toMinutes(input.windowEnd) <= toMinutes(input.windowStart)) {
    throw new AppError(
      'window_reversed',
      `The walk's window ends (${input.windowEnd}) before it starts (${input.windowStart}). Give a start time before the end time.`,
      [{ field: 'body.windowEnd', message: 'is not after windowStart' }],
    );
  }
  problems.push(...(await programmeProblems(tx, schoolId, input)));
  const focus = await focusText(tx, schoolId, input);
  problems.push(...focus.problems);
  problems.push(...(await memberProblems(tx, schoolId, input, options.visitors)));
  if (problems.length) {
    throw new AppError('walk_rejected', problems[0]!.message, problems);
  }
  // Issue 15: where the trust or school requires training, each newly named observer has it.
  const before = new Set(options.observersBefore ?? []);
  // Issue 15: a teacher observes only once the school has chosen them as a peer observer.
  await refuseUnlistedObservers(
    tx,
    { schoolId, kind: input.kind, visitors: options.visitors ?? new Set() },
    input.observerIds.filter((id) => !before.has(id)),
  );
  await refuseUntrainedObservers(
    tx,
    schoolId,
    input.focusId ? await q.focusVersionId(tx, input.focusId) : null,
    input.observerIds.filter((id) => !before.has(id)),
  );
  const focusSizeReason = await focusSizeReasonOf(tx, schoolId, input);
  return {
    focusSizeReason,
    departmentIds: [...new Set(input.departmentIds)],
    yearGroupIds: [...new Set(input.yearGroupIds)],
    programmeId: input.programmeId,
    // In a programme, a reason records why the walk is outside its agreed plan (rule 1).
    offProgrammeReason: input.offProgrammeReason,
    focusTitle: focus.focusTitle,
    purpose: focus.purpose,
    observerIds: [...new Set(input.observerIds)],
  };
}

type FieldProblem = { field: string; message: string };

/** Rule 1: the walk's programme is the school's and runs over its date, or a reason is given. */
async function programmeProblems(tx: Tx, schoolId: string, input: WalkInput) {
  const problems: FieldProblem[] = [];
  let programme: { status: string; starts_on: string; ends_on: string } | undefined;
  if (input.programmeId) {
    programme = await q.findSchoolProgramme(tx, schoolId, input.programmeId);
    if (!programme) {
      problems.push({
        field: 'body.programmeId',
        message: 'That programme is not one of this school’s programmes.',
      });
    } else if (input.date < programme.starts_on || input.date > programme.ends_on) {
      problems.push({
        field: 'body.date',
        message: `The walk on ${formatDate(input.date)} is outside its programme, which runs from ${formatDate(programme.starts_on)} to ${formatDate(programme.ends_on)}.`,
      });
    }
  } else if (!input.offProgrammeReason) {
    problems.push({
      field: 'body.offProgrammeReason',
      message:
        'Published programme: a walk belongs to the school’s published programme. Choose the programme, or record why this walk is outside it (offProgrammeReason).',
    });
  }
  return problems;
}

/** The walk's focus and purpose: as written, or else its focus's (which must be the school's). */
async function focusText(tx: Tx, schoolId: string, input: WalkInput) {
  const problems: FieldProblem[] = [];
  let focusTitle = input.focusTitle ?? '';
  let purpose = input.purpose ?? '';
  if (input.focusId) {
    const focus = await q.findSchoolFocus(tx, schoolId, input.focusId);
    if (!focus) {
      problems.push({
        field: 'body.focusId',
        message: 'That focus is not one of this school’s foci.',
      });
    } else {
      focusTitle = input.focusTitle || focus.title;
      purpose = input.purpose || focus.purpose;
    }
  }
  return { focusTitle, purpose, problems };
}

/**
 * A focus that fits ten minutes (issue 21): more look-fors than the school recommends need a
 * reason, kept with the walk; within the recommendation none is kept.
 */
async function focusSizeReasonOf(tx: Tx, schoolId: string, input: WalkInput) {
  if (!input.focusId) return null;
  const [lookForCount, settings] = await Promise.all([
    q.focusLookForCount(tx, input.focusId),
    loadSettingsRow(tx, schoolId),
  ]);
  const problem = focusSizeProblem({
    lookForCount,
    recommended: settings.recommendedLookFors,
    reason: input.focusSizeReason,
  });
  if (problem) {
    throw new AppError('focus_reason_required', problem.message, [
      { field: 'body.focusSizeReason', message: problem.message },
    ]);
  }
  return lookForCount > settings.recommendedLookFors ? input.focusSizeReason : null;
}

/**
 * The observers are the school's staff (or, on a walk across schools, its visiting observers);
 * the focus filters are the school's lists.
 */
async function memberProblems(
  tx: Tx,
  schoolId: string,
  input: WalkInput,
  visitors: ReadonlySet<string> = new Set(),
) {
  const problems: FieldProblem[] = [];
  const staff = await q.listStaff(tx, schoolId);
  const staffIds = new Set([...staff.map((s) => s.person_id), ...visitors]);
  input.observerIds.forEach((id, i) => {
    if (!staffIds.has(id)) {
      problems.push({
        field: `body.observerIds.${i}`,
        message: 'That observer is not a member of this school’s staff.',
      });
    }
  });
  const known = await q.schoolDepartmentsAndYears(tx, schoolId);
  input.departmentIds.forEach((id, i) => {
    if (!known.departments.has(id)) {
      problems.push({
        field: `body.departmentIds.${i}`,
        message:
          'Focus filter: that department is not one of this school’s departments. Choose from the school’s list.',
      });
    }
  });
  input.yearGroupIds.forEach((id, i) => {
    if (!known.yearGroups.has(id)) {
      problems.push({
        field: `body.yearGroupIds.${i}`,
        message:
          'Focus filter: that year group is not one of this school’s year groups. Choose from the school’s list.',
      });
    }
  });
  return problems;
}

export function createWalk(deps: AppDeps, auth: SignedIn, schoolId: string, input: WalkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', 'plan walks in this school');
    const walkId = await insertCheckedWalk(tx, deps, auth, schoolId, input, new Set());
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * A draft walk in a host school proposed from another school or the trust (issue 15), inside
 * the caller's transaction; the caller has checked who may propose it. Its observers are the
 * visitors; every protocol rule of the host school applies, as to any walk.
 */
export function createVisitingWalkDraft(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  hostSchoolId: string,
  input: WalkInput,
  visitors: ReadonlySet<string>,
): Promise<string> {
  return insertCheckedWalk(tx, deps, auth, hostSchoolId, input, visitors);
}

async function insertCheckedWalk(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: WalkInput,
  visitors: ReadonlySet<string>,
): Promise<string> {
  const resolved = await resolveWalkInput(tx, schoolId, input, { visitors });
  const { departmentIds, yearGroupIds, ...fields } = resolved;
  const walkId = await q.insertWalk(tx, {
    trustId: auth.actor.trustId,
    schoolId,
    ...fields,
    kind: input.kind,
    date: input.date,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    focusId: input.focusId,
    createdBy: auth.actor.personId,
    now: deps.now(),
  });
  await q.setObservers(tx, auth.actor.trustId, walkId, resolved.observerIds);
  await q.setWalkFilters(
    tx,
    { trustId: auth.actor.trustId, schoolId, walkId },
    departmentIds,
    yearGroupIds,
  );
  if (input.planning) {
    await savePlanning(tx, { trustId: auth.actor.trustId, walkId }, input.planning, deps.now());
  }
  const walk = (await q.findWalk(tx, walkId))!;
  const ctx = await contextOf(tx, deps, walk);
  const violations = await checkPlan(tx, ctx, walkFacts(walk, resolved.observerIds), [], 'save');
  if (violations.length) refuse(violations); // rolls the insert back
  await audit(tx, auth, 'walk.create', walkId);
  return walkId;
}

export function updateWalk(deps: AppDeps, auth: SignedIn, walkId: string, input: WalkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk');
    if (walk.status !== 'draft') {
      throw new AppError(
        'walk_not_draft',
        `This walk is ${walk.status}: its date, window, focus and observers are what staff were told. Cancel visits or the walk instead, and plan a new one.`,
      );
    }
    const ctx = await contextOf(tx, deps, walk);
    const planned = ctx.visits.filter((v) => v.status === 'planned');
    if (input.date !== walk.walk_date && planned.length > 0) {
      throw new AppError(
        'walk_has_visits',
        `The walk has ${planned.length} planned visit${planned.length > 1 ? 's' : ''} on ${formatDate(walk.walk_date)}. Remove them before moving the walk to another day.`,
      );
    }
    const resolved = await resolveWalkInput(tx, walk.school_id, input, {
      visitors: await visitingObserverIds(tx, walkId),
      observersBefore: ctx.observers.map((o) => o.person_id),
    });
    await q.updateWalk(tx, walkId, {
      programmeId: resolved.programmeId,
      offProgrammeReason: resolved.offProgrammeReason,
      kind: input.kind,
      date: input.date,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      focusId: input.focusId,
      focusTitle: resolved.focusTitle,
      purpose: resolved.purpose,
      focusSizeReason: resolved.focusSizeReason,
      now: deps.now(),
    });
    await q.setObservers(tx, auth.actor.trustId, walkId, resolved.observerIds);
    await q.setWalkFilters(
      tx,
      { trustId: auth.actor.trustId, schoolId: walk.school_id, walkId },
      resolved.departmentIds,
      resolved.yearGroupIds,
    );
    if (input.planning) {
      await savePlanning(tx, { trustId: auth.actor.trustId, walkId }, input.planning, deps.now());
    }
    const updated = (await q.findWalk(tx, walkId))!;
    const next = await contextOf(tx, deps, updated);
    const facts = await currentFacts(tx, next);
    for (const f of facts) {
      if (
        toMinutes(f.startsAt) < toMinutes(input.windowStart) ||
        toMinutes(f.endsAt) > toMinutes(input.windowEnd)
      ) {
        throw new AppError(
          'visit_outside_window',
          `A planned visit (${f.startsAt}–${f.endsAt}) falls outside the new window ${input.windowStart}–${input.windowEnd}. Remove it or keep the window wide enough.`,
        );
      }
    }
    const violations = await checkPlan(
      tx,
      next,
      walkFacts(updated, resolved.observerIds),
      facts,
      'save',
    );
    if (violations.length) refuse(violations);
    await audit(tx, auth, 'walk.update', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * The walk's observers, on a draft or a published walk: at most the school's maximum, members
 * of the school's staff, never observing their own lesson on the walk. On a published walk
 * the visited teachers hear who now comes, and the observers added or removed are told.
 */
export function changeObservers(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  observerIds: readonly string[],
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk’s observers');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const wanted = [...new Set(observerIds)];
    const staffIds = new Set([
      ...ctx.staff.map((s) => s.person_id),
      ...(await visitingObserverIds(tx, walkId)),
    ]);
    const outsiders = wanted
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !staffIds.has(id))
      .map(({ i }) => ({
        field: `body.observerIds.${i}`,
        message: 'That observer is not a member of this school’s staff.',
      }));
    if (outsiders.length) {
      throw new AppError('walk_rejected', outsiders[0]!.message, outsiders);
    }
    const current = new Set(ctx.observers.map((o) => o.person_id));
    await refuseUnlistedObservers(
      tx,
      {
        schoolId: walk.school_id,
        kind: walk.kind,
        visitors: await visitingObserverIds(tx, walkId),
      },
      wanted.filter((id) => !current.has(id)),
    );
    await refuseUntrainedObservers(
      tx,
      walk.school_id,
      walk.framework_version_id,
      wanted.filter((id) => !current.has(id)),
    );
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(walk, wanted),
      await currentFacts(tx, ctx),
      'save',
    );
    if (violations.length) refuse(violations);
    const before = ctx.observers.map((o) => o.person_id);
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return detail(tx, deps, auth, walkId);
    await q.setObservers(tx, walk.trust_id, walkId, wanted);
    await q.touchWalk(tx, walkId, deps.now());
    notices.push(
      await noticeVisitsChanged(tx, deps, [{ kind: 'observers_changed', walkId, added, removed }], {
        actorPersonId: auth.actor.personId,
      }),
    );
    await audit(tx, auth, 'walk.observers_changed', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

/** Publishes a walk after checking every rule; each refusal names the rule, the limit and the case. */
export function publishWalk(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'publish this walk');
    if (walk.status !== 'draft') {
      throw new AppError(
        'walk_not_draft',
        `This walk is already ${walk.status}; only a draft walk can be published.`,
      );
    }
    // Issue 15: a walk proposed from another school waits for the host head's agreement.
    await requireHostAgreement(tx, walkId);
    const ctx = await contextOf(tx, deps, walk);
    const facts = await currentFacts(tx, ctx);
    // Rule 1: the walk carries out a planned walk staff agreed, or needs an amendment or a reason.
    const inAgreedProgramme = await claimPlannedWalk(tx, walk);
    const violations: Problem[] = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
        { inAgreedProgramme },
      ),
      facts,
      'publish',
    );
    if (facts.length === 0) violations.push(noVisits(walkId));
    if (violations.length) refuse(violations);
    const now = deps.now();
    await q.markWalkPublished(tx, walkId, auth.actor.personId, now);
    // Prior warning: mail and in-app notices to each teacher, notice_sent_at on each visit.
    notices.push(
      await noticeWalkPublished(tx, deps, walkId, { actorPersonId: auth.actor.personId }),
    );
    await audit(tx, auth, 'walk.publish', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

export function cancelWalk(deps: AppDeps, auth: SignedIn, walkId: string, reason: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'cancel this walk');
    requireOpen(walk);
    const now = deps.now();
    await q.cancelWalkAndVisits(tx, walkId, reason, now);
    notices.push(
      await noticeVisitsChanged(tx, deps, [{ kind: 'walk_cancelled', walkId, reason }], {
        actorPersonId: auth.actor.personId,
      }),
    );
    await audit(tx, auth, 'walk.cancel', walkId);
    return detail(tx, deps, auth, walkId);
  });
}
