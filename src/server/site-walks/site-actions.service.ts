import type { SiteActionDto } from '../../contracts/site-walks.ts';
import { addDays, formatDate } from '../../domain/calendar/calendar.ts';
import { byUrgency, statusChangeProblem } from '../../domain/site-walks/actions.ts';
import { type EscalationStep, escalationDue } from '../../domain/site-walks/escalation.ts';
import { riskBandLabels, targetDateFor, worseBand } from '../../domain/site-walks/risk.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { isMember, schoolPeople } from '../kernel/school-people.ts';
import { localDate, todayIn } from '../kernel/school-time.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import { storePhoto } from './findings.service.ts';
import * as q from './site-walks.queries.ts';
import { audit, authorisedSiteWalk, maySite } from './site-walks.service.ts';

// Site actions (issue 14): a needs-attention finding becomes an action (or joins the open action
// for the same place and item); owner (a member of staff or a contractor by name), a target date
// from the risk band, status, closure with a photo and a note, verification on the next walk of
// the place, and escalation of overdue actions by mail: owner, business manager, head.

const iso = (d: Date | string) => new Date(d).toISOString();

export function actionDto(a: q.ActionRow, now: Date): SiteActionDto {
  const today = todayIn(a.time_zone, now);
  return {
    id: a.action_id,
    schoolId: a.school_id,
    place: { id: a.room_id, name: a.room_name, building: a.building },
    itemId: a.look_for_id,
    itemPrompt: a.item_prompt,
    category: a.category,
    title: a.title,
    band: a.band,
    owner: { id: a.owner_id, name: a.owner_person_name ?? a.owner_name },
    targetDate: a.target_date,
    status: a.status,
    overdue: (a.status === 'open' || a.status === 'in_progress') && a.target_date < today,
    findingIds: a.finding_ids ?? [],
    closedAt: a.closed_at ? iso(a.closed_at) : null,
    closureNote: a.closure_note,
    closurePhotoId: a.closure_photo_id,
    verifiedAt: a.verified_at ? iso(a.verified_at) : null,
    verifiedWalkId: a.verified_walk_id,
    escalation: a.escalation_step,
    createdAt: iso(a.created_at),
  };
}

async function loadAction(tx: Tx, auth: SignedIn, actionId: string, mode: 'view' | 'manage') {
  const action = await q.findAction(tx, actionId);
  if (!action) throw notFound('The site action');
  await authorisedSchool(
    tx,
    auth,
    action.school_id,
    mode === 'manage' ? 'site.manage' : 'site.view',
    mode === 'manage' ? 'change site actions' : 'see site actions',
  );
  return action;
}

async function checkOwner(tx: Tx, schoolId: string, ownerId: string | null, ownerName: string) {
  if (!ownerId && !ownerName.trim())
    throw new AppError(
      'validation_failed',
      'Say who owns the action: a member of staff, or a contractor or team by name.',
    );
  if (ownerId && !(await isMember(tx, schoolId, [ownerId])).has(ownerId))
    throw new AppError(
      'not_found',
      'The owner is not on this school’s staff. Choose a member of staff, or name the contractor.',
    );
}

async function tellOwner(
  tx: Tx,
  mail: MailInTransaction,
  deps: Pick<AppDeps, 'config'>,
  actionId: string,
) {
  const a = (await q.findAction(tx, actionId))!;
  if (!a.owner_id) return;
  await mail({
    kind: 'site_action_assigned',
    personId: a.owner_id,
    email: a.owner_email,
    schoolId: a.school_id,
    subject: `Site action for you: ${a.title}`,
    lines: [
      `You own a site action at ${a.room_name} (${a.building}), ${a.school_name}.`,
      `Action: ${a.title}`,
      `Risk: ${riskBandLabels[a.band]}. Target date: ${formatDate(a.target_date)}.`,
      '',
      `Close it with a photo and a note when it is fixed: ${deps.config.publicUrl}/site-actions/${a.action_id}`,
    ],
    link: `/site-actions/${a.action_id}`,
  });
}

export function raiseAction(
  deps: AppDeps,
  auth: SignedIn,
  findingId: string,
  input: {
    mergeInto: string | null;
    title?: string | undefined;
    ownerId: string | null;
    ownerName: string;
    targetDate?: string | undefined;
  },
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const finding = await q.findFinding(tx, findingId);
    if (!finding) throw notFound('The finding');
    const school = await authorisedSchool(
      tx,
      auth,
      finding.school_id,
      'site.manage',
      'turn findings into site actions',
    );
    if (finding.outcome !== 'needs_attention' || !finding.band)
      throw new AppError(
        'site_action_refused',
        'Only an item that needs attention becomes a site action.',
      );
    if (finding.action_id)
      throw new AppError(
        'site_action_refused',
        'This finding already belongs to a site action. Open that action to change it.',
      );
    const open = await q.openActionFor(tx, finding.room_id, finding.look_for_id);
    let actionId: string;
    if (input.mergeInto) {
      const target = await q.findAction(tx, input.mergeInto);
      if (!target || target.school_id !== finding.school_id) throw notFound('The site action');
      if (
        target.room_id !== finding.room_id ||
        target.look_for_id !== finding.look_for_id ||
        !(target.status === 'open' || target.status === 'in_progress')
      )
        throw new AppError(
          'site_action_refused',
          'A finding joins only an open action for the same place and checklist item.',
        );
      actionId = target.action_id;
      const band = worseBand(target.band, finding.band);
      if (band !== target.band) await q.updateAction(tx, actionId, { band });
      await q.linkFinding(tx, findingId, actionId);
      await audit(tx, auth, 'site_action.merge', 'site_action', actionId);
    } else {
      if (open)
        throw new AppError(
          'site_action_open',
          'This place already has an open action for the same checklist item. Merge the finding into it.',
          { actionId: open.action_id },
        );
      await checkOwner(tx, finding.school_id, input.ownerId, input.ownerName);
      const item = (await tx
        .selectFrom('framework_look_fors as l')
        .innerJoin('framework_lenses as c', (j) =>
          j.onRef('c.trust_id', '=', 'l.trust_id').onRef('c.lens_id', '=', 'l.lens_id'),
        )
        .select(['l.prompt', 'c.name as category'])
        .where('l.look_for_id', '=', finding.look_for_id)
        .executeTakeFirst()) ?? { prompt: 'Checklist item', category: 'Other' };
      const today = todayIn(school.time_zone, deps.now());
      actionId = await q.insertAction(tx, {
        trust_id: auth.actor.trustId,
        school_id: finding.school_id,
        room_id: finding.room_id,
        look_for_id: finding.look_for_id,
        item_prompt: item.prompt,
        category: item.category,
        title:
          input.title ?? (finding.notes.trim() ? finding.notes.trim().slice(0, 300) : item.prompt),
        band: finding.band,
        owner_id: input.ownerId,
        owner_name: input.ownerId ? '' : input.ownerName.trim(),
        target_date: input.targetDate ?? targetDateFor(finding.band, today),
        created_by: auth.actor.personId,
        created_at: deps.now(),
      });
      await q.linkFinding(tx, findingId, actionId);
      await audit(tx, auth, 'site_action.create', 'site_action', actionId);
      await tellOwner(tx, mail, deps, actionId);
    }
    return { action: actionDto((await q.findAction(tx, actionId))!, deps.now()) };
  });
}

export function listSiteActions(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.view', 'see site actions');
    const rows = await q.listActions(tx, schoolId);
    const actions = rows.map((a) => actionDto(a, deps.now()));
    const live = actions.filter((a) => a.status === 'open' || a.status === 'in_progress');
    const rest = actions.filter((a) => !(a.status === 'open' || a.status === 'in_progress'));
    return {
      actions: [...live.sort(byUrgency), ...rest],
      canManage: maySite(auth, 'site.manage', schoolId),
    };
  });
}

export function getSiteAction(deps: AppDeps, auth: SignedIn, actionId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const a = await loadAction(tx, auth, actionId, 'view');
    return { action: actionDto(a, deps.now()) };
  });
}

export function updateSiteAction(
  deps: AppDeps,
  auth: SignedIn,
  actionId: string,
  input: {
    title?: string | undefined;
    ownerId?: string | null | undefined;
    ownerName?: string | undefined;
    targetDate?: string | undefined;
    status?: 'open' | 'in_progress' | undefined;
  },
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const a = await loadAction(tx, auth, actionId, 'manage');
    if (a.status === 'closed' || a.status === 'verified')
      throw new AppError(
        'site_action_refused',
        'This action is closed. A new finding on a later walk raises a new action.',
      );
    const ownerId = input.ownerId === undefined ? a.owner_id : input.ownerId;
    const ownerName = input.ownerName ?? (ownerId ? '' : a.owner_name);
    const ownerChanged = ownerId !== a.owner_id || ownerName !== a.owner_name;
    if (ownerChanged) await checkOwner(tx, a.school_id, ownerId, ownerName);
    const dateChanged = input.targetDate !== undefined && input.targetDate !== a.target_date;
    await q.updateAction(tx, actionId, {
      ...(input.title ? { title: input.title } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(ownerChanged ? { owner_id: ownerId, owner_name: ownerId ? '' : ownerName } : {}),
      // A new target date or owner starts the escalation again.
      ...(dateChanged ? { target_date: input.targetDate! } : {}),
      ...(dateChanged || ownerChanged ? { escalation_step: null, escalated_at: null } : {}),
    });
    await audit(tx, auth, 'site_action.update', 'site_action', actionId);
    if (ownerChanged && ownerId) await tellOwner(tx, mail, deps, actionId);
    return { action: actionDto((await q.findAction(tx, actionId))!, deps.now()) };
  });
}

/** The owner (a member of staff) may add the evidence photo and close their own action. */
async function mayClose(tx: Tx, auth: SignedIn, actionId: string) {
  const a = await q.findAction(tx, actionId);
  if (!a) throw notFound('The site action');
  if (a.owner_id === auth.actor.personId) {
    await authorisedSchool(tx, auth, a.school_id, 'school.view', 'close this action');
    return a;
  }
  return loadAction(tx, auth, actionId, 'manage');
}

export function putActionPhoto(
  deps: AppDeps,
  auth: SignedIn,
  actionId: string,
  photoId: string,
  bytes: Uint8Array,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const a = await mayClose(tx, auth, actionId);
    const stored = await storePhoto(
      tx,
      deps,
      auth.actor.trustId,
      a.school_id,
      { actionId },
      photoId,
      bytes,
    );
    if (stored.status === 201) await audit(tx, auth, 'site_photo.add', 'site_photo', photoId);
    return stored;
  });
}

export function closeSiteAction(
  deps: AppDeps,
  auth: SignedIn,
  actionId: string,
  input: { note: string; photoId: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const a = await mayClose(tx, auth, actionId);
    const photo = await q.findPhoto(tx, input.photoId);
    const problem = statusChangeProblem(a.status, 'closed', {
      photo: photo?.action_id === actionId,
      note: input.note,
    });
    if (problem) throw new AppError('site_action_refused', problem);
    if (a.status === 'closed') return { action: actionDto(a, deps.now()) };
    await q.updateAction(tx, actionId, {
      status: 'closed',
      closed_at: deps.now(),
      closed_by: auth.actor.personId,
      closure_note: input.note,
      closure_photo_id: input.photoId,
    });
    await audit(tx, auth, 'site_action.close', 'site_action', actionId);
    return { action: actionDto((await q.findAction(tx, actionId))!, deps.now()) };
  });
}

/**
 * Verifies a closed action on a later walk of its place: the walk is published, visits the
 * place, is on or after the day the action was closed, and the person walks it or manages site
 * walks.
 */
export function verifySiteAction(deps: AppDeps, auth: SignedIn, actionId: string, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const a = await q.findAction(tx, actionId);
    if (!a) throw notFound('The site action');
    const { walk } = await authorisedSiteWalk(tx, auth, walkId, 'record');
    if (walk.school_id !== a.school_id) throw notFound('The site action');
    if (a.status !== 'closed')
      throw new AppError(
        'site_action_refused',
        a.status === 'verified'
          ? 'This action was verified already.'
          : 'Only a closed action is verified. Close it with a photo and a note first.',
      );
    const places = await q.walkPlaces(tx, walkId);
    if (!places.some((p) => p.room_id === a.room_id))
      throw new AppError(
        'place_not_on_walk',
        `This walk does not visit ${a.room_name}, so it cannot verify the action there.`,
      );
    if (
      walk.status !== 'published' ||
      walk.walk_date < localDate(a.closed_at!, a.time_zone) ||
      walk.walk_date > todayIn(a.time_zone, deps.now())
    )
      throw new AppError(
        'site_action_refused',
        'An action is verified on the day of a published walk of its place (or after it), on or after the day the action was closed.',
      );
    await q.updateAction(tx, actionId, {
      status: 'verified',
      verified_at: deps.now(),
      verified_walk_id: walkId,
    });
    await audit(tx, auth, 'site_action.verify', 'site_action', actionId);
    return { action: actionDto((await q.findAction(tx, actionId))!, deps.now()) };
  });
}

// ---------------------------------------------------------------------------------------------
// Escalation (scheduled work)
// ---------------------------------------------------------------------------------------------

const stepWords: Record<EscalationStep, string> = {
  owner: 'its owner',
  business_manager: 'the business manager',
  head: 'the headteacher',
};

/**
 * Mails each overdue site action's next escalation step once: the owner the day after the
 * target date (a contractor has no account, so the business manager hears for them), the
 * business manager a week later, the head a week after that. Idempotent: the step sent is kept.
 */
export async function escalateOverdueSiteActions(
  deps: MailDeps,
  now: Date,
  options: { trustIds?: readonly string[] } = {},
) {
  let sent = 0;
  for (const trustId of options.trustIds ?? (await allTrustIds(deps.db))) {
    sent += await withTenantMail({ ...deps, now: () => now }, trustId, async (tx, mail) => {
      let n = 0;
      const before = addDays(now.toISOString().slice(0, 10), 1);
      for (const a of await q.overdueActions(tx, before)) {
        const today = todayIn(a.time_zone, now);
        const step = escalationDue(a.target_date, today, a.escalation_step);
        if (!step) continue;
        const to = new Map<string, string>();
        if (step === 'owner' && a.owner_id && a.owner_email) to.set(a.owner_id, a.owner_email);
        if (step === 'business_manager' || (step === 'owner' && !a.owner_id))
          for (const p of await schoolPeople(tx, a.school_id, ['site_manager']))
            to.set(p.person_id, p.email);
        if (step === 'head') {
          const head = await q.headOf(tx, a.school_id);
          const heads = head ? [head] : await schoolPeople(tx, a.school_id, ['school_leader']);
          for (const p of heads) to.set(p.person_id, p.email);
        }
        const owner = a.owner_person_name ?? a.owner_name;
        for (const [personId, email] of to)
          await mail({
            kind: 'site_action_overdue',
            personId,
            email,
            schoolId: a.school_id,
            subject: `Overdue site action: ${a.title}`,
            lines: [
              `A site action at ${a.room_name} (${a.building}), ${a.school_name}, was due on ${formatDate(a.target_date)} and is not closed. This mail goes to ${stepWords[step]}.`,
              `Action: ${a.title}`,
              `Risk: ${riskBandLabels[a.band]}. Owner: ${owner}.`,
              '',
              `See it: ${deps.config.publicUrl}/site-actions/${a.action_id}`,
            ],
            link: `/site-actions/${a.action_id}`,
          });
        await q.updateAction(tx, a.action_id, { escalation_step: step, escalated_at: now });
        n += 1;
      }
      return n;
    });
  }
  return sent;
}
