import type {
  ActionDto,
  ActionInput,
  ActionStatus,
  Board,
  FollowUpInput,
} from '../../contracts/actions.ts';
import { addDays, formatDate } from '../../domain/calendar/calendar.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { todayIn } from '../kernel/school-time.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import { type Action, decide } from '../policy/policy.ts';
import { createWalk } from '../walks/walk-editing.service.ts';
import * as q from './actions.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

const may = (auth: SignedIn, action: Action, schoolId: string) =>
  decide(auth.actor, action, { trustId: auth.actor.trustId, schoolId }) === 'allow';

/** Days before the due date on which the owner is reminded by email. */
export const REMINDER_DAYS = 3;

function dto(a: q.ActionRow, now: Date): ActionDto {
  const today = todayIn(a.time_zone, now);
  return {
    id: a.action_id,
    schoolId: a.school_id,
    title: a.title,
    notes: a.notes,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    dueOn: a.due_on,
    status: a.status,
    overdue: a.status !== 'done' && a.due_on < today,
    priorityId: a.priority_id,
    priorityTitle: a.priority_title,
    debriefId: a.debrief_id,
    debriefTitle: a.debrief_title,
    nextStepText: a.next_step_text,
    followUpWalk:
      a.follow_up_walk_id && a.follow_up_date
        ? {
            id: a.follow_up_walk_id,
            date: a.follow_up_date,
            status: a.follow_up_status ?? 'draft',
            focusTitle: a.follow_up_focus ?? '',
          }
        : null,
    completedAt: a.completed_at ? iso(a.completed_at) : null,
  };
}

function priorityDto(p: Awaited<ReturnType<typeof q.listPriorities>>[number]) {
  return {
    id: p.priority_id,
    title: p.title,
    description: p.description,
    archived: p.archived_at !== null,
    openActions: Number(p.open_actions ?? 0),
    doneActions: Number(p.done_actions ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Priorities
// ---------------------------------------------------------------------------------------------

export function listPriorities(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'priority.view', 'see this school’s priorities');
    const rows = await q.listPriorities(tx, schoolId);
    return { priorities: rows.map(priorityDto), canEdit: may(auth, 'priority.manage', schoolId) };
  });
}

function duplicateTitle(e: unknown, title: string) {
  if ((e as { code?: string }).code === '23505') {
    return new AppError(
      'priority_exists',
      `The school already has a priority called “${title}”. Use that one, or give this one another title.`,
    );
  }
  return e;
}

export function createPriority(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: { title: string; description: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'priority.manage', 'change the improvement plan');
    try {
      const priorityId = await q.insertPriority(tx, {
        trust_id: auth.actor.trustId,
        school_id: schoolId,
        title: input.title,
        description: input.description,
        created_at: deps.now(),
      });
      await audit(tx, auth, 'priority.create', 'priority', priorityId);
      return { id: priorityId };
    } catch (e) {
      throw duplicateTitle(e, input.title);
    }
  });
}

export function updatePriority(
  deps: AppDeps,
  auth: SignedIn,
  priorityId: string,
  input: { title: string; description: string; archived: boolean },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const priority = await q.findPriority(tx, priorityId);
    if (!priority) throw notFound('The priority');
    if (!may(auth, 'priority.manage', priority.school_id))
      throw forbidden('change the improvement plan');
    try {
      await q.updatePriority(tx, priorityId, {
        title: input.title,
        description: input.description,
        archived_at: input.archived ? (priority.archived_at ?? deps.now()) : null,
      });
    } catch (e) {
      throw duplicateTitle(e, input.title);
    }
    await audit(tx, auth, 'priority.update', 'priority', priorityId);
    return { id: priorityId };
  });
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

export function board(deps: AppDeps, auth: SignedIn, schoolId: string): Promise<Board> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'action.view',
      'see this school’s actions',
    );
    const now = deps.now();
    const [rows, priorities] = await Promise.all([
      q.listActions(tx, { schoolId }),
      q.listPriorities(tx, schoolId),
    ]);
    const canEdit = may(auth, 'action.manage', schoolId);
    const actions = rows.map((a) => dto(a, now));
    const column = (s: ActionStatus) => actions.filter((a) => a.status === s);
    let debriefs: Board['debriefs'] = [];
    if (canEdit) {
      const ds = await q.schoolDebriefs(tx, schoolId);
      const steps = await q.nextStepsOf(
        tx,
        ds.map((d) => d.debrief_id),
      );
      debriefs = ds.map((d) => ({
        id: d.debrief_id,
        title: d.title,
        nextSteps: steps
          .filter((s) => s.debrief_id === d.debrief_id)
          .map((s) => ({ id: s.step_id, text: s.text })),
      }));
    }
    return {
      schoolName: school.name,
      today: todayIn(school.time_zone, now),
      columns: { todo: column('todo'), doing: column('doing'), done: column('done') },
      priorities: priorities.map(priorityDto),
      canEdit,
      staff: canEdit
        ? (await q.staffOf(tx, schoolId)).map((s) => ({ id: s.person_id, name: s.full_name }))
        : [],
      debriefs,
    };
  });
}

export function myActions(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const rows = await q.listActions(tx, { ownerId: auth.actor.personId });
    return { actions: rows.map((a) => dto(a, deps.now())) };
  });
}

/** Checks an action's links: its owner is on the school's staff, its priority and debrief are the school's. */
async function checkLinks(tx: Tx, schoolId: string, input: ActionInput) {
  const problems: { field: string; message: string }[] = [];
  const priority = await q.findPriority(tx, input.priorityId);
  if (!priority || priority.school_id !== schoolId) {
    problems.push({
      field: 'body.priorityId',
      message:
        'That priority is not one of this school’s improvement priorities. Choose one from the plan, or add it first.',
    });
  } else if (priority.archived_at) {
    problems.push({
      field: 'body.priorityId',
      message: `The priority “${priority.title}” is archived. Choose a current priority.`,
    });
  }
  const staff = await q.staffOf(tx, schoolId);
  if (!staff.some((s) => s.person_id === input.ownerId)) {
    problems.push({
      field: 'body.ownerId',
      message: 'The owner must be a member of this school’s staff.',
    });
  }
  if (input.debriefId) {
    const d = await q.findDebriefSchool(tx, input.debriefId);
    if (!d || d.school_id !== schoolId) {
      problems.push({
        field: 'body.debriefId',
        message: 'That debrief is not one of this school’s.',
      });
    }
  }
  if (input.nextStepId) {
    const step = await q.findNextStepDebrief(tx, input.nextStepId);
    if (!step || !input.debriefId || step.debrief_id !== input.debriefId) {
      problems.push({
        field: 'body.nextStepId',
        message: 'That next step is not one of the chosen debrief’s agreed next steps.',
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError('action_rejected', problems[0]!.message, problems);
  }
}

async function tellOwner(
  tx: Tx,
  deps: AppDeps,
  mail: MailInTransaction,
  actionId: string,
  auth: SignedIn,
) {
  const a = (await q.findAction(tx, actionId))!;
  if (a.owner_id === auth.actor.personId) return;
  await mail({
    kind: 'action_assigned',
    personId: a.owner_id,
    email: a.owner_email,
    schoolId: a.school_id,
    subject: `An action is yours: ${a.title}`,
    link: '/my-actions',
    lines: [
      `You own an action in ${a.school_name}'s improvement plan (priority: ${a.priority_title}).`,
      `Action: ${a.title}`,
      `Due: ${formatDate(a.due_on)}`,
      a.notes ? `Notes: ${a.notes}` : '',
      '',
      `See it in Learning Walks: ${deps.config.publicUrl}/my-actions`,
    ],
  });
}

export function createAction(deps: AppDeps, auth: SignedIn, schoolId: string, input: ActionInput) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) =>
    addAction(tx, deps, mail, auth, schoolId, input),
  );
}

/**
 * Adds an action to a school's plan inside the caller's transaction (the self-evaluation turns a
 * "not yet" into one): the same authorisation, link checks, audit and mail to the owner.
 */
export async function addAction(
  tx: Tx,
  deps: AppDeps,
  mail: MailInTransaction,
  auth: SignedIn,
  schoolId: string,
  input: ActionInput,
): Promise<ActionDto> {
  await authorisedSchool(tx, auth, schoolId, 'action.manage', 'add actions to this school’s plan');
  await checkLinks(tx, schoolId, input);
  const now = deps.now();
  const actionId = await q.insertAction(tx, {
    trust_id: auth.actor.trustId,
    school_id: schoolId,
    priority_id: input.priorityId,
    debrief_id: input.debriefId,
    next_step_id: input.nextStepId,
    title: input.title,
    notes: input.notes,
    owner_id: input.ownerId,
    due_on: input.dueOn,
    status: input.status,
    completed_at: input.status === 'done' ? now : null,
    created_by: auth.actor.personId,
    created_at: now,
    updated_at: now,
  });
  await audit(tx, auth, 'action.create', 'action', actionId);
  await tellOwner(tx, deps, mail, actionId, auth);
  return dto((await q.findAction(tx, actionId))!, now);
}

export function updateAction(deps: AppDeps, auth: SignedIn, actionId: string, input: ActionInput) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const action = await q.findAction(tx, actionId);
    if (!action) throw notFound('The action');
    if (!may(auth, 'action.manage', action.school_id)) throw forbidden('change this action');
    await checkLinks(tx, action.school_id, input);
    const now = deps.now();
    await q.updateAction(tx, actionId, {
      priority_id: input.priorityId,
      debrief_id: input.debriefId,
      next_step_id: input.nextStepId,
      title: input.title,
      notes: input.notes,
      owner_id: input.ownerId,
      due_on: input.dueOn,
      status: input.status,
      completed_at: input.status === 'done' ? (action.completed_at ?? now) : null,
      // A new due date or owner earns a new reminder.
      reminded_at:
        input.dueOn !== action.due_on || input.ownerId !== action.owner_id
          ? null
          : action.reminded_at,
      updated_at: now,
    });
    await audit(tx, auth, 'action.update', 'action', actionId);
    if (input.ownerId !== action.owner_id) await tellOwner(tx, deps, mail, actionId, auth);
    return dto((await q.findAction(tx, actionId))!, now);
  });
}

/** Moves an action across the board: its owner or a leader. */
export function setActionStatus(
  deps: AppDeps,
  auth: SignedIn,
  actionId: string,
  input: { status: ActionStatus; notes?: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const action = await q.findAction(tx, actionId);
    if (!action) throw notFound('The action');
    if (action.owner_id !== auth.actor.personId && !may(auth, 'action.manage', action.school_id)) {
      throw forbidden('move this action: only its owner or a school leader can');
    }
    const now = deps.now();
    await q.updateAction(tx, actionId, {
      status: input.status,
      notes: input.notes ?? action.notes,
      completed_at: input.status === 'done' ? (action.completed_at ?? now) : null,
      updated_at: now,
    });
    await audit(tx, auth, 'action.status', 'action', actionId);
    return dto((await q.findAction(tx, actionId))!, now);
  });
}

/**
 * Schedules a follow-up walk on the same focus as the action's debrief: a draft walk made by the
 * walks service (every protocol rule applies), linked to the action. Its debrief pack will show
 * the earlier picture beside the new one.
 */
export async function scheduleFollowUp(
  deps: AppDeps,
  auth: SignedIn,
  actionId: string,
  input: FollowUpInput,
) {
  const found = await withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const action = await q.findAction(tx, actionId);
    if (!action) throw notFound('The action');
    if (!may(auth, 'action.manage', action.school_id)) throw forbidden('plan a follow-up walk');
    if (action.follow_up_walk_id && action.follow_up_status !== 'cancelled') {
      throw new AppError(
        'follow_up_exists',
        `This action already has a follow-up walk on ${formatDate(action.follow_up_date!)}. Open that walk to change it.`,
      );
    }
    if (!action.debrief_id) {
      throw new AppError(
        'no_focus',
        'A follow-up walk repeats the focus of the debrief an action came from. Link this action to a debrief first.',
      );
    }
    const walk = await q.latestDebriefWalkFocus(tx, action.debrief_id);
    if (!walk) throw new AppError('no_focus', 'The debrief has no walk to follow up.');
    return { action, walk };
  });
  const { action, walk } = found;
  const purpose = `${walk.purpose} Follow-up walk, to see the impact of: ${action.title}.`.slice(
    0,
    2000,
  );
  const created = await createWalk(deps, auth, action.school_id, {
    programmeId: input.programmeId,
    offProgrammeReason: input.programmeId ? null : input.offProgrammeReason,
    // The walk followed up asked as much, for the reason it gave.
    focusSizeReason: walk.focus_size_reason,
    kind: 'learning',
    date: input.date,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    focusId: walk.focus_id,
    focusTitle: walk.focus_title,
    purpose,
    observerIds: input.observerIds,
    departmentIds: [],
    yearGroupIds: [],
  });
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await q.updateAction(tx, actionId, {
      follow_up_walk_id: created.walk.id,
      updated_at: deps.now(),
    });
    await audit(tx, auth, 'action.follow_up_walk', 'action', actionId);
    return {
      walkId: created.walk.id,
      action: dto((await q.findAction(tx, actionId))!, deps.now()),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Reminders (scheduled): run by the job queue from actions/scheduled.ts
// ---------------------------------------------------------------------------------------------

/**
 * Mails the owner of every action that is not done and falls due within `withinDays` days (in
 * the school's own days), once: reminded_at is set in the same transaction as the mail is
 * queued. Overdue actions never reminded are reminded too. Returns how many were reminded.
 */
export async function remindDueActions(
  deps: MailDeps,
  now: Date,
  options: { withinDays?: number; trustIds?: readonly string[] } = {},
) {
  const within = options.withinDays ?? REMINDER_DAYS;
  let reminded = 0;
  for (const trustId of options.trustIds ?? (await allTrustIds(deps.db))) {
    reminded += await withTenantMail({ ...deps, now: () => now }, trustId, async (tx, mail) => {
      // Time zones are at most a day apart: filter coarsely in SQL, exactly per school below.
      const until = addDays(now.toISOString().slice(0, 10), within + 1);
      let n = 0;
      for (const a of await q.dueForReminder(tx, until)) {
        const today = todayIn(a.time_zone, now);
        if (a.due_on > addDays(today, within)) continue;
        const overdue = a.due_on < today;
        await mail({
          kind: 'action_due',
          personId: a.owner_id,
          email: a.owner_email,
          schoolId: a.school_id,
          subject: `${overdue ? 'Overdue' : 'Due soon'}: ${a.title}`,
          link: '/my-actions',
          lines: [
            `An action you own in ${a.school_name}'s improvement plan ${overdue ? 'was due' : 'is due'} on ${formatDate(a.due_on)}.`,
            `Action: ${a.title}`,
            `Priority: ${a.priority_title}`,
            `Status: ${a.status === 'doing' ? 'doing' : 'to do'}`,
            '',
            `Update it in Learning Walks: ${deps.config.publicUrl}/my-actions`,
          ],
        });
        await q.updateAction(tx, a.action_id, { reminded_at: now });
        n += 1;
      }
      return n;
    });
  }
  return reminded;
}
