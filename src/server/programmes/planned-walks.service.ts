import type { PlannedWalkInput } from '../../contracts/programmes.ts';
import { formatDate, mondayOf, weekdayOf } from '../../domain/calendar/calendar.ts';
import { checkFocusNamesNobody } from '../../domain/protocol/rules.ts';
import { toMinutes } from '../../domain/protocol/time.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { listStaffNames } from '../kernel/school-people.ts';
import * as cq from './consultation.queries.ts';
import { consultationContext } from './consultation.ts';
import type { ProgrammeRow } from './programmes.queries.ts';
import { authorisedProgramme, detail } from './programmes.service.ts';
import { draftTermPlan } from './term-plan.ts';

/**
 * Where planned walks may change: on the programme itself while it is a draft or in
 * consultation (staff see the change); once agreed, only inside an amendment in consultation.
 */
async function requireEditable(tx: Tx, p: ProgrammeRow, amendmentId: string | null) {
  if (amendmentId) {
    const amendment = await cq.findAmendment(tx, p.programme_id, amendmentId);
    if (!amendment) throw notFound('The amendment');
    if (amendment.status !== 'consultation') {
      throw new AppError(
        'amendment_settled',
        `This amendment is ${amendment.status}: its walks are what staff were consulted on. Open a new amendment to change them.`,
      );
    }
    return;
  }
  if (p.status === 'agreed' || p.status === 'published') {
    throw new AppError(
      'programme_agreed',
      `The programme is ${p.status}: staff agreed its walks as they stand. To add or remove a walk, open an amendment and consult staff on it (amendmentId), or record why a walk is outside the programme.`,
    );
  }
}

/** Checks each planned walk: date or week (a Monday) inside the programme, times, observers, focus. */
async function problemsOf(tx: Tx, p: ProgrammeRow, walks: readonly PlannedWalkInput[]) {
  const staff = await listStaffNames(tx, p.school_id);
  const staffIds = new Set(staff.map((s) => s.person_id));
  const entries = staff.map((s) => ({ id: s.person_id, name: s.full_name, code: s.staff_code }));
  const problems: { field: string; message: string }[] = [];
  walks.forEach((w, i) => {
    const at = `body.walks.${i}`;
    if ((w.date === null) === (w.weekOf === null)) {
      problems.push({
        field: `${at}.date`,
        message: 'Give a planned walk either a date or the Monday of its week, not both.',
      });
    }
    if (w.weekOf && weekdayOf(w.weekOf) !== 1) {
      problems.push({
        field: `${at}.weekOf`,
        message: `${formatDate(w.weekOf)} is not a Monday: give the Monday of the week (${formatDate(mondayOf(w.weekOf))}).`,
      });
    }
    const day = w.date ?? w.weekOf;
    const lastDay = w.weekOf ? mondayOf(p.ends_on) : p.ends_on;
    const firstDay = w.weekOf ? mondayOf(p.starts_on) : p.starts_on;
    if (day && (day < firstDay || day > lastDay)) {
      problems.push({
        field: `${at}.${w.date ? 'date' : 'weekOf'}`,
        message: `${formatDate(day)} is outside the programme, which runs from ${formatDate(p.starts_on)} to ${formatDate(p.ends_on)}.`,
      });
    }
    if (toMinutes(w.windowEnd) <= toMinutes(w.windowStart)) {
      problems.push({
        field: `${at}.windowEnd`,
        message: `The walk's time ends (${w.windowEnd}) before it starts (${w.windowStart}).`,
      });
    }
    w.observerIds.forEach((id, j) => {
      if (!staffIds.has(id)) {
        problems.push({
          field: `${at}.observerIds.${j}`,
          message: 'That observer is not a member of this school’s staff.',
        });
      }
    });
    for (const v of checkFocusNamesNobody(w.focusTitle, entries, 'focus')) {
      problems.push({ field: `${at}.focusTitle`, message: v.message });
    }
  });
  return problems;
}

export function addPlannedWalks(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  input: { walks: PlannedWalkInput[]; amendmentId: string | null },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'plan the walks of this programme',
    );
    await requireEditable(tx, p, input.amendmentId);
    const problems = await problemsOf(tx, p, input.walks);
    if (problems.length) {
      throw new AppError('planned_walk_rejected', problems[0]!.message, problems);
    }
    await cq.insertPlannedWalks(
      tx,
      { trustId: auth.actor.trustId, programmeId, amendmentId: input.amendmentId, now: deps.now() },
      input.walks,
    );
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.plan_walks',
      subjectType: 'programme',
      subjectId: programmeId,
    });
    return detail(tx, deps, auth, programmeId);
  });
}

export function removePlannedWalk(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  plannedWalkId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'plan the walks of this programme',
    );
    const entry = (await cq.listPlannedWalks(tx, programmeId)).find(
      (w) => w.planned_walk_id === plannedWalkId,
    );
    if (!entry) throw notFound('The planned walk');
    await requireEditable(tx, p, entry.amendment_id);
    await cq.deletePlannedWalk(tx, programmeId, plannedWalkId);
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.unplan_walk',
      subjectType: 'programme',
      subjectId: programmeId,
    });
    return detail(tx, deps, auth, programmeId);
  });
}

export function termPlan(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  input: Parameters<typeof draftTermPlan>[3],
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'plan the walks of this programme',
    );
    const ctx = await consultationContext(tx, deps, p.school_id);
    return draftTermPlan(tx, ctx, { startsOn: p.starts_on, endsOn: p.ends_on }, input);
  });
}
