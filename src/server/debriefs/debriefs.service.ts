import type { DebriefDetail, StaffSummary, UpdateDebrief } from '../../contracts/debriefs.ts';
import { formatDate, weekdayOf } from '../../domain/calendar/calendar.ts';
import { buildDebriefPack, type DebriefPack } from '../../domain/debrief/pack.ts';
import type { EvidenceAnswer, VisitRecord } from '../../domain/insights/evidence.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import { visitorMayJoinDebrief } from '../../domain/observers/visiting.ts';
import { canonicalBody } from '../../domain/records/body.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { focusLookFors } from '../kernel/focus-look-fors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadSettingsRow } from '../kernel/school-rules.ts';
import { visitedWalkIds, visitingParticipants } from '../kernel/visiting.ts';
import { type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import { ideasTakenAwayOf } from '../peer-walks/reflections.service.ts';
import { type Action, decide } from '../policy/policy.ts';
import * as q from './debriefs.queries.ts';

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

/** Full names and "Title Surname": the names no quote in a pack or summary may carry. */
function namesOf(staff: readonly { full_name: string; title: string | null }[]) {
  const names = new Set<string>();
  for (const s of staff) {
    names.add(s.full_name);
    const surname = s.full_name.trim().split(/\s+/).at(-1);
    if (s.title && surname) names.add(`${s.title} ${surname}`);
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// The pack
// ---------------------------------------------------------------------------------------------

type PackWalk = {
  walk_id: string;
  walk_date: string;
  focus_id: string | null;
  focus_title: string;
  purpose: string;
};

/** Builds the debrief pack of these walks (one focus) from their handed-in records. */
export async function packOf(
  tx: Tx,
  schoolId: string,
  walks: readonly PackWalk[],
): Promise<DebriefPack> {
  const first = walks[0]!;
  const lookFors = first.focus_id ? await focusLookFors(tx, first.focus_id) : [];
  const walkIds = walks.map((w) => w.walk_id);
  const [rows, staff, settings] = await Promise.all([
    q.packRecords(tx, walkIds),
    q.schoolStaff(tx, schoolId),
    loadSettingsRow(tx, schoolId),
  ]);
  const co = await q.coTeachers(
    tx,
    rows.map((r) => r.visit_id),
  );
  const observed = lookFors.filter((f) => f.audience === 'observer');
  const kinds = new Map(observed.map((f) => [f.id, f.answer_kind]));
  const evidence: VisitRecord[] = rows.map((r) => {
    const body = canonicalBody(r.body);
    const answers: EvidenceAnswer[] = [];
    for (const a of body.answers) {
      if (kinds.get(a.lookForId) !== a.kind) continue;
      if (a.kind === 'seen') {
        answers.push({
          lookForId: a.lookForId,
          kind: 'seen',
          value: a.value ? 'seen' : 'not_seen',
        });
      } else {
        answers.push(a as EvidenceAnswer);
      }
    }
    return {
      visitId: r.visit_id,
      schoolId: r.school_id,
      walkId: r.walk_id,
      date: r.visit_date,
      teacherKey: r.teacher_id,
      coTeacherKeys: co.filter((c) => c.visit_id === r.visit_id).map((c) => c.person_id),
      departmentId: r.department || null,
      yearGroupId: r.year_group || null,
      weekday: weekdayOf(r.visit_date),
      periodOrdinal: null,
      frameworkVersionId: r.framework_version_id ?? '',
      answers,
      notes: body.notes,
      studentVoice: body.studentVoice,
    };
  });
  return buildDebriefPack({
    focus: {
      title: first.focus_title,
      purpose: first.purpose,
      lookFors: observed.map((f) => ({
        key: f.id,
        prompt: f.prompt,
        lensName: f.lens_name,
        answerKind: f.answer_kind,
        ...((f.guidance as { looksLike?: string } | null)?.looksLike
          ? { looksLike: (f.guidance as { looksLike: string }).looksLike }
          : {}),
      })),
    },
    walks: walks.map((w) => ({ walkId: w.walk_id, date: w.walk_date })),
    records: evidence,
    studentVoicePrompts: lookFors
      .filter((f) => f.audience === 'pupils')
      .map((f) => ({ promptId: f.id, prompt: f.prompt })),
    names: { staffNames: namesOf(staff) },
    k: settings.minGroupSize,
  });
}

// ---------------------------------------------------------------------------------------------
// Debriefs
// ---------------------------------------------------------------------------------------------

/** Someone who holds no role in the school but visits one of its walks from another school. */
const visitorIn = (auth: SignedIn, schoolId: string) =>
  !auth.actor.memberships.some((m) => m.schoolId === null || m.schoolId === schoolId) &&
  (auth.actor.visiting ?? []).some((v) => v.schoolId === schoolId);

/**
 * Loads a debrief for reading: leaders (and trust leaders) of its school, and its participants.
 * A visiting observer reads only the debrief of their own walk across schools, while the
 * domain's rule allows; any other debrief of the host school is not there for them (issue 15).
 */
async function readableDebrief(tx: Tx, auth: SignedIn, debriefId: string) {
  const debrief = await q.findDebrief(tx, debriefId);
  if (!debrief) throw notFound('The debrief');
  if (may(auth, 'debrief.view', debrief.school_id)) return debrief;
  const people = await q.participants(tx, debrief.debrief_id);
  const participant = people.some((p) => p.person_id === auth.actor.personId);
  if (visitorIn(auth, debrief.school_id)) {
    const walkIds = (await q.walksOfDebriefs(tx, [debrief.debrief_id])).map((w) => w.walk_id);
    const theirs = await visitedWalkIds(tx, auth.actor.personId, walkIds);
    const joins = visitorMayJoinDebrief({
      participant,
      onlyTheirWalks: walkIds.length > 0 && walkIds.every((id) => theirs.has(id)),
      summaryPublished: debrief.summary_published_at !== null,
    });
    if (!joins) throw notFound('The debrief');
    return debrief;
  }
  if (participant) return debrief;
  throw forbidden('open this debrief: it is for the school’s leaders and the people invited to it');
}

async function managedDebrief(tx: Tx, auth: SignedIn, debriefId: string) {
  const debrief = await q.findDebrief(tx, debriefId);
  if (!debrief) throw notFound('The debrief');
  if (!may(auth, 'debrief.manage', debrief.school_id)) {
    if (
      may(auth, 'school.view', debrief.school_id) ||
      may(auth, 'debrief.view', debrief.school_id)
    ) {
      throw forbidden('change this debrief');
    }
    // Someone with no part in that school: as good as not there.
    const people = await q.participants(tx, debrief.debrief_id);
    if (!people.some((p) => p.person_id === auth.actor.personId)) throw notFound('The debrief');
    throw forbidden('change this debrief');
  }
  return debrief;
}

function summaryOf(d: q.DebriefRow, walks: readonly { walk_date: string }[], steps: number) {
  return {
    id: d.debrief_id,
    schoolId: d.school_id,
    title: d.title,
    focusTitle: d.focus_title,
    heldOn: d.held_on,
    walkDates: [...new Set(walks.map((w) => w.walk_date))].sort(),
    summaryPublishedAt: d.summary_published_at ? iso(d.summary_published_at) : null,
    nextSteps: steps,
  };
}

export function listDebriefs(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'debrief.view', 'see this school’s debriefs');
    const debriefs = await q.listDebriefs(tx, schoolId);
    const ids = debriefs.map((d) => d.debrief_id);
    const [walks, steps] = await Promise.all([q.walksOfDebriefs(tx, ids), q.nextSteps(tx, ids)]);
    const canEdit = may(auth, 'debrief.manage', schoolId);
    const candidates = canEdit ? await q.debriefableWalks(tx, schoolId) : [];
    return {
      debriefs: debriefs.map((d) =>
        summaryOf(
          d,
          walks.filter((w) => w.debrief_id === d.debrief_id),
          steps.filter((s) => s.debrief_id === d.debrief_id).length,
        ),
      ),
      canEdit,
      walks: candidates.map((w) => ({
        id: w.walk_id,
        date: w.walk_date,
        focusTitle: w.focus_title,
        focusId: w.focus_id,
        records: Number(w.records ?? 0),
      })),
    };
  });
}

/**
 * The walks a debrief brings together: all the school's, all published, all on one focus.
 * Returns the first, whose focus the debrief takes.
 */
async function debriefableWalks(tx: Tx, schoolId: string, ids: readonly string[]) {
  const walks = await q.findWalks(tx, ids);
  const missing = ids.filter(
    (id) => !walks.some((w) => w.walk_id === id && w.school_id === schoolId),
  );
  if (missing.length > 0) {
    throw new AppError(
      'walk_not_in_school',
      'One of the chosen walks is not a walk of this school. Choose walks from the school’s list.',
      { walkIds: missing },
    );
  }
  const notPublished = walks.find((w) => w.status !== 'published');
  if (notPublished) {
    throw new AppError(
      'walk_not_published',
      `The walk on ${formatDate(notPublished.walk_date)} is ${notPublished.status}: only walks that took place (published) can be debriefed.`,
    );
  }
  const first = walks[0]!;
  const sameFocus = walks.every((w) =>
    first.focus_id
      ? w.focus_id === first.focus_id
      : !w.focus_id &&
        w.focus_title.trim().toLowerCase() === first.focus_title.trim().toLowerCase(),
  );
  if (!sameFocus) {
    throw new AppError(
      'different_focus',
      'A debrief brings together walks on one focus. These walks have different foci: debrief them separately.',
    );
  }
  return first;
}

export function createDebrief(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: { walkIds: string[]; title?: string },
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    await authorisedSchool(tx, auth, schoolId, 'debrief.manage', 'open debriefs in this school');
    const ids = [...new Set(input.walkIds)];
    const first = await debriefableWalks(tx, schoolId, ids);
    const now = deps.now();
    const debrief = await q.insertDebrief(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      title: input.title || `Debrief: ${first.focus_title}`.slice(0, 200),
      focusId: first.focus_id,
      focusTitle: first.focus_title,
      createdBy: auth.actor.personId,
      now,
    });
    await q.insertDebriefWalks(
      tx,
      { trustId: auth.actor.trustId, schoolId },
      debrief.debrief_id,
      ids,
    );
    // The observers of the walks are invited; the leader who opened it leads it.
    const observers = await q.observersOfWalks(tx, ids);
    const invited = new Map<string, 'head' | 'observer'>([[auth.actor.personId, 'head']]);
    // A walk across schools: the host's head who agreed to it takes part too (issue 15).
    for (const head of (await visitingParticipants(tx, ids)).heads) invited.set(head, 'head');
    for (const o of observers) if (!invited.has(o.person_id)) invited.set(o.person_id, 'observer');
    await q.insertParticipants(
      tx,
      [...invited].map(([person_id, part]) => ({
        trust_id: auth.actor.trustId,
        debrief_id: debrief.debrief_id,
        person_id,
        part,
        invited_at: now,
      })),
    );
    await inviteMail(
      tx,
      deps,
      mail,
      { debriefId: debrief.debrief_id, schoolId },
      first.focus_title,
      [...invited.keys()].filter((id) => id !== auth.actor.personId),
    );
    await audit(tx, auth, 'debrief.create', 'debrief', debrief.debrief_id);
    return { id: debrief.debrief_id };
  });
}

async function inviteMail(
  tx: Tx,
  deps: AppDeps,
  mail: MailInTransaction,
  { debriefId, schoolId }: { debriefId: string; schoolId: string },
  focusTitle: string,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return;
  const people = await q.emailsOf(tx, personIds);
  for (const p of people) {
    await mail({
      kind: 'debrief_invited',
      personId: p.person_id,
      email: p.email,
      schoolId,
      subject: `You are invited to a learning walk debrief: ${focusTitle}`,
      link: `/debriefs/${debriefId}`,
      lines: [
        `You are invited to the debrief of the learning walk${focusTitle ? ` on “${focusTitle}”` : ''}.`,
        'The debrief pack shows what the walk looked for and why, and the evidence across the rooms — never a judgement of any teacher.',
        '',
        `Open it in Learning Walks: ${deps.config.publicUrl}/debriefs/${debriefId}`,
      ],
    });
  }
}

export function debriefDetail(
  deps: AppDeps,
  auth: SignedIn,
  debriefId: string,
): Promise<DebriefDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const debrief = await readableDebrief(tx, auth, debriefId);
    const [walks, people, steps, actions] = await Promise.all([
      q.walksOfDebriefs(tx, [debrief.debrief_id]),
      q.participants(tx, debrief.debrief_id),
      q.nextSteps(tx, [debrief.debrief_id]),
      q.actionsOfDebrief(tx, debrief.debrief_id),
    ]);
    const pack = await packOf(tx, debrief.school_id, walks);
    // A follow-up walk: the earlier debrief's picture beside this one.
    let earlier: DebriefDetail['earlier'] = null;
    const action = visitorIn(auth, debrief.school_id)
      ? undefined
      : await q.actionFollowedUpBy(
          tx,
          walks.map((w) => w.walk_id),
        );
    if (action?.debrief_id && action.debrief_id !== debrief.debrief_id) {
      const before = await q.findDebrief(tx, action.debrief_id);
      const beforeWalks = await q.walksOfDebriefs(tx, [action.debrief_id]);
      if (before && beforeWalks.length > 0) {
        earlier = {
          debriefId: before.debrief_id,
          title: before.title,
          walkDates: [...new Set(beforeWalks.map((w) => w.walk_date))].sort(),
          actionTitle: action.title,
          pack: (await packOf(tx, before.school_id, beforeWalks)) as unknown as Record<
            string,
            unknown
          >,
        };
      }
    }
    const canEdit = may(auth, 'debrief.manage', debrief.school_id);
    const staff = canEdit ? await q.schoolStaff(tx, debrief.school_id) : [];
    await audit(tx, auth, 'debrief.view_pack', 'debrief', debrief.debrief_id);
    return {
      debrief: {
        ...summaryOf(debrief, walks, steps.length),
        discussion: debrief.discussion,
        strengths: debrief.strengths,
        areasToDevelop: debrief.areas_to_develop,
        staffSummary: debrief.staff_summary,
      },
      walks: walks.map((w) => ({ id: w.walk_id, date: w.walk_date, focusTitle: w.focus_title })),
      participants: people.map((p) => ({
        personId: p.person_id,
        name: p.full_name,
        part: p.part,
        tookPart: p.took_part,
      })),
      nextSteps: steps.map((s) => ({
        id: s.step_id,
        text: s.text,
        actions: actions
          .filter((a) => a.next_step_id === s.step_id)
          .map((a) => ({
            id: a.action_id,
            title: a.title,
            status: a.status,
            dueOn: a.due_on,
            ownerName: a.owner_name,
            priorityTitle: a.priority_title,
            followUpWalkId: a.follow_up_walk_id,
          })),
      })),
      pack: pack as unknown as Record<string, unknown>,
      earlier,
      canEdit,
      staff: staff.map((s) => ({ id: s.person_id, name: s.full_name })),
    };
  });
}

/** Participants: those left out are removed, the rest updated, and new ones invited by mail. */
async function saveParticipants(
  tx: Tx,
  deps: AppDeps,
  mail: MailInTransaction,
  auth: SignedIn,
  debrief: q.DebriefRow,
  participants: UpdateDebrief['participants'],
  now: Date,
) {
  const before = await q.participants(tx, debrief.debrief_id);
  const wanted = new Map(participants.map((p) => [p.personId, p]));
  const gone = before.filter((p) => !wanted.has(p.person_id)).map((p) => p.person_id);
  if (gone.length > 0) {
    await q.deleteParticipants(tx, debrief.debrief_id, gone);
  }
  const fresh: string[] = [];
  for (const p of wanted.values()) {
    const had = before.find((b) => b.person_id === p.personId);
    if (had) {
      await q.updateParticipant(tx, debrief.debrief_id, p.personId, {
        part: p.part,
        took_part: p.tookPart,
      });
    } else {
      await q.insertParticipants(tx, [
        {
          trust_id: debrief.trust_id,
          debrief_id: debrief.debrief_id,
          person_id: p.personId,
          part: p.part,
          took_part: p.tookPart,
          invited_at: now,
        },
      ]);
      if (p.personId !== auth.actor.personId) fresh.push(p.personId);
    }
  }
  await inviteMail(
    tx,
    deps,
    mail,
    { debriefId: debrief.debrief_id, schoolId: debrief.school_id },
    debrief.focus_title,
    fresh,
  );
}

/** Next steps: kept by id (their actions stay linked), the rest replaced. */
async function saveNextSteps(tx: Tx, debrief: q.DebriefRow, nextSteps: UpdateDebrief['nextSteps']) {
  const steps = await q.nextSteps(tx, [debrief.debrief_id]);
  const keep = new Set(nextSteps.map((s) => s.id).filter(Boolean));
  const unknown = nextSteps.find((s) => s.id && !steps.some((x) => x.step_id === s.id));
  if (unknown) {
    throw new AppError(
      'unknown_next_step',
      'A next step names an id that is not one of this debrief’s next steps. Leave the id out to add a new step.',
    );
  }
  const dropped = steps.filter((s) => !keep.has(s.step_id)).map((s) => s.step_id);
  if (dropped.length > 0) {
    await q.deleteNextSteps(tx, dropped);
  }
  for (const [position, s] of nextSteps.entries()) {
    if (s.id) {
      await q.updateNextStep(tx, s.id, { text: s.text, position });
    } else {
      await q.insertNextStep(tx, {
        trust_id: debrief.trust_id,
        debrief_id: debrief.debrief_id,
        text: s.text,
        position,
      });
    }
  }
}

/** Records the debrief: who took part, what was discussed, strengths, areas, next steps. */
export function updateDebrief(
  deps: AppDeps,
  auth: SignedIn,
  debriefId: string,
  input: UpdateDebrief,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const debrief = await managedDebrief(tx, auth, debriefId);
    const now = deps.now();
    const staff = await q.schoolStaff(tx, debrief.school_id);
    // Visiting observers of its walks across schools take part without being the host's staff.
    const walkIds = (await q.walksOfDebriefs(tx, [debrief.debrief_id])).map((w) => w.walk_id);
    const { visitors } = await visitingParticipants(tx, walkIds);
    const known = new Set([...staff.map((s) => s.person_id), ...visitors]);
    const strangers = input.participants.filter((p) => !known.has(p.personId));
    if (strangers.length > 0) {
      throw new AppError(
        'not_staff',
        'A participant is not a member of this school’s staff or of the trust. Choose people from the list.',
        { personIds: strangers.map((p) => p.personId) },
      );
    }
    await q.updateDebrief(tx, debrief.debrief_id, {
      title: input.title,
      held_on: input.heldOn,
      discussion: input.discussion,
      strengths: JSON.stringify(input.strengths),
      areas_to_develop: JSON.stringify(input.areasToDevelop),
      updated_at: now,
    });

    await saveParticipants(tx, deps, mail, auth, debrief, input.participants, now);
    await saveNextSteps(tx, debrief, input.nextSteps);
    await audit(tx, auth, 'debrief.update', 'debrief', debrief.debrief_id);
    return { id: debrief.debrief_id };
  });
}

function namingProblem(texts: readonly string[], staffNames: readonly string[]) {
  const checker = createChecker({ staffNames });
  for (const text of texts) {
    const named = checker
      .check(text)
      .find((f) => f.kind === 'name' && f.rule === 'known-staff-name');
    if (named) return named.text;
  }
  return null;
}

/** Saves the staff summary's text (not yet published). */
export function saveStaffSummary(deps: AppDeps, auth: SignedIn, debriefId: string, text: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const debrief = await managedDebrief(tx, auth, debriefId);
    await q.updateDebrief(tx, debrief.debrief_id, { staff_summary: text, updated_at: deps.now() });
    await audit(tx, auth, 'debrief.summary_save', 'debrief', debrief.debrief_id);
    return { saved: true };
  });
}

/**
 * Publishes the staff summary to all staff. Refused while it (or the strengths, areas and next
 * steps printed with it) names a member of staff: whole-group feedback names nobody.
 */
export function publishStaffSummary(deps: AppDeps, auth: SignedIn, debriefId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const debrief = await managedDebrief(tx, auth, debriefId);
    if (!debrief.staff_summary.trim()) {
      throw new AppError(
        'summary_empty',
        'Write the staff summary before publishing it: whole-group feedback for a staff meeting.',
      );
    }
    const steps = await q.nextSteps(tx, [debrief.debrief_id]);
    const staff = await q.schoolStaff(tx, debrief.school_id);
    const named = namingProblem(
      [
        debrief.staff_summary,
        ...debrief.strengths,
        ...debrief.areas_to_develop,
        ...steps.map((s) => s.text),
      ],
      namesOf(staff),
    );
    if (named) {
      throw new AppError(
        'summary_names_someone',
        `The staff summary (or the strengths, areas or next steps published with it) names “${named}”. A staff summary is whole-group feedback: take the name out, then publish.`,
      );
    }
    const now = deps.now();
    await q.updateDebrief(tx, debrief.debrief_id, {
      summary_published_at: now,
      summary_published_by: auth.actor.personId,
      updated_at: now,
    });
    await audit(tx, auth, 'debrief.summary_publish', 'debrief', debrief.debrief_id);
    return { publishedAt: now.toISOString() };
  });
}

async function staffSummaryOf(tx: Tx, d: q.DebriefRow): Promise<StaffSummary> {
  const [walks, steps] = await Promise.all([
    q.walksOfDebriefs(tx, [d.debrief_id]),
    q.nextSteps(tx, [d.debrief_id]),
  ]);
  return {
    debriefId: d.debrief_id,
    schoolId: d.school_id,
    schoolName: d.school_name,
    title: d.title,
    focusTitle: d.focus_title,
    walkDates: [...new Set(walks.map((w) => w.walk_date))].sort(),
    heldOn: d.held_on,
    publishedAt: iso(d.summary_published_at!),
    text: d.staff_summary,
    strengths: d.strengths,
    areasToDevelop: d.areas_to_develop,
    nextSteps: steps.map((s) => s.text),
    // Issue 15: the ideas the walks' observers chose to share, without names, k-suppressed.
    ideasTakenAway: await ideasTakenAwayOf(
      tx,
      d.school_id,
      walks.map((w) => w.walk_id),
    ),
  };
}

/** Published staff summaries of a school: every member of its staff reads them. */
export function listStaffSummaries(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      auth,
      schoolId,
      'staff_summary.view',
      'read this school’s staff summaries',
    );
    const debriefs = await q.listDebriefs(tx, schoolId, true);
    const summaries = [];
    for (const d of debriefs) summaries.push(await staffSummaryOf(tx, d));
    return { summaries };
  });
}

export function staffSummary(deps: AppDeps, auth: SignedIn, debriefId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const d = await q.findDebrief(tx, debriefId);
    if (!d) throw notFound('The staff summary');
    const decision = decide(auth.actor, 'staff_summary.view', {
      trustId: d.trust_id,
      schoolId: d.school_id,
    });
    if (decision !== 'allow') throw forbidden('read this school’s staff summaries');
    if (!d.summary_published_at) {
      throw new AppError(
        'summary_not_published',
        'This debrief’s staff summary has not been published yet.',
      );
    }
    return staffSummaryOf(tx, d);
  });
}
