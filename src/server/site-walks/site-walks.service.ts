import { randomBytes } from 'node:crypto';
import type { Place, SiteWalk, SiteWalkInput } from '../../contracts/site-walks.ts';
import { cycleWeekOf, formatDate, weekdayOf } from '../../domain/calendar/calendar.ts';
import { type AreaKind, teachingKinds } from '../../domain/site-walks/areas.ts';
import { checkSiteWalkPeople } from '../../domain/site-walks/people.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { hashToken } from '../http/sessions.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { withTenantMail } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import * as q from './site-walks.queries.ts';

// Site walks (issue 14): the estate, planning a walk over places with its people rule, the
// statement of next steps, publishing with teachers' notice, the printable checklist, guest links.

const iso = (d: Date | string) => new Date(d).toISOString();
const RECENT_DAYS = 90;
const GUEST_LINK_DAYS = 14;

export const audit = (tx: Tx, auth: SignedIn, action: string, type: string, id: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: type,
    subjectId: id,
  });

export const maySite = (auth: SignedIn, action: 'site.view' | 'site.manage', schoolId: string) =>
  decide(auth.actor, action, { trustId: auth.actor.trustId, schoolId }) === 'allow';

// ---------------------------------------------------------------------------------------------
// The estate
// ---------------------------------------------------------------------------------------------

function placeDto(r: Awaited<ReturnType<typeof q.listPlaces>>[number]): Place {
  return {
    id: r.room_id,
    name: r.name,
    building: r.building,
    floor: r.floor,
    kind: r.area_kind,
    teaching: r.teaching,
    openActions: Number(r.open_actions ?? 0),
  };
}

export function estate(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.view', 'see the school’s estate');
    const rows = await q.listPlaces(tx, schoolId);
    const canEdit = maySite(auth, 'site.manage', schoolId);
    return {
      places: rows.map(placeDto),
      canEdit,
      people: canEdit ? await q.planningPeople(tx, schoolId) : [],
      checklists: canEdit ? await q.publishedChecklists(tx) : [],
    };
  });
}

export function addPlace(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: { name: string; building: string; floor: number; kind: AreaKind; teaching?: boolean },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.manage', 'add places to the estate');
    const taken = await tx
      .selectFrom('rooms')
      .select('room_id')
      .where('school_id', '=', schoolId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (taken)
      throw new AppError(
        'name_taken',
        `The estate already has a place called “${input.name}”. Give this one another name, or change the kind of the one there.`,
      );
    const row = await tx
      .insertInto('rooms')
      .values({
        trust_id: auth.actor.trustId,
        school_id: schoolId,
        name: input.name,
        building: input.building,
        floor: input.floor,
        area_kind: input.kind,
        teaching: input.teaching ?? teachingKinds.has(input.kind),
      })
      .returning('room_id')
      .executeTakeFirstOrThrow();
    await audit(tx, auth, 'site.place_add', 'room', row.room_id);
    const [place] = (await q.listPlaces(tx, schoolId)).filter((p) => p.room_id === row.room_id);
    return { place: placeDto(place!) };
  });
}

export function setPlaceKind(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  roomId: string,
  input: { kind: AreaKind; teaching?: boolean },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.manage', 'change the estate');
    const r = await tx
      .updateTable('rooms')
      .set({ area_kind: input.kind, teaching: input.teaching ?? teachingKinds.has(input.kind) })
      .where('school_id', '=', schoolId)
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('The place');
    await audit(tx, auth, 'site.place_kind', 'room', roomId);
    const [place] = (await q.listPlaces(tx, schoolId)).filter((p) => p.room_id === roomId);
    return { place: placeDto(place!) };
  });
}

// ---------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toTime = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

async function assertChecklist(tx: Tx, versionId: string) {
  const v = await q.findChecklist(tx, versionId);
  if (!v || v.kind !== 'health_and_safety' || v.status !== 'published')
    throw new AppError(
      'not_a_checklist',
      'Choose a published health-and-safety checklist of the trust (Frameworks: add one from the library, such as “Health and safety audit” or “Science labs”, and publish it).',
    );
  return v;
}

async function rolesIn(tx: Tx, schoolId: string, personIds: readonly string[]) {
  const rows = personIds.length
    ? await tx
        .selectFrom('memberships as m')
        .innerJoin('people as p', (j) =>
          j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
        )
        .select(['m.person_id', 'm.role'])
        .where('m.school_id', '=', schoolId)
        .where('m.person_id', 'in', [...personIds])
        .where('p.disabled_at', 'is', null)
        .execute()
    : [];
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.person_id, (out.get(r.person_id) ?? new Set()).add(r.role));
  return out;
}

/**
 * Writes a site walk inside the caller's transaction, after every check: the lead is the
 * business or site manager, everyone named is on the school's staff, the checklists are
 * published health-and-safety frameworks, the places are the school's, and no place would hold
 * more than two people. Used by the planning route and by the inspection schedules.
 */
export async function createSiteWalkIn(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  trustId: string,
  createdBy: string | null,
  schoolId: string,
  input: SiteWalkInput,
  scheduleId: string | null = null,
): Promise<string> {
  if (input.windowEnd <= input.windowStart)
    throw new AppError(
      'window_reversed',
      `The walk ends (${input.windowEnd}) before it starts (${input.windowStart}).`,
    );
  const walkerIds = [input.leadId, ...(input.companionId ? [input.companionId] : [])];
  const specialistIds = input.places.flatMap((p) => (p.specialistId ? [p.specialistId] : []));
  const roles = await rolesIn(tx, schoolId, [...walkerIds, ...specialistIds]);
  if (!roles.get(input.leadId)?.has('site_manager'))
    throw new AppError(
      'not_a_site_lead',
      'The lead of a site walk is the school’s business manager or site manager (the “Site or business manager” role). Choose them as the lead.',
    );
  for (const id of [...walkerIds, ...specialistIds])
    if (!roles.has(id))
      throw new AppError(
        'not_found',
        'A person named on the walk is not on this school’s staff. Choose from the school’s staff.',
      );

  const roomIds = input.places.map((p) => p.roomId);
  if (new Set(roomIds).size !== roomIds.length)
    throw new AppError(
      'validation_failed',
      'A place is on the walk twice. Choose each place once.',
    );
  const rooms = await q.findPlaces(tx, schoolId, roomIds);
  if (rooms.length !== roomIds.length) throw notFound('A place on the walk');
  const roomById = new Map(rooms.map((r) => [r.room_id, r]));

  const problems = checkSiteWalkPeople({
    walkers: walkerIds,
    guests: input.guests,
    places: input.places.map((p) => ({
      id: p.roomId,
      name: roomById.get(p.roomId)!.name,
      specialistIds: p.specialistId ? [p.specialistId] : [],
    })),
  });
  if (problems.length)
    throw new AppError('site_people_refused', problems.map((p) => p.message).join(' '), problems);

  const checklistIds = new Set([
    input.checklistVersionId,
    ...input.places.flatMap((p) => (p.checklistVersionId ? [p.checklistVersionId] : [])),
  ]);
  const checklists = new Map<string, string>();
  for (const id of checklistIds) checklists.set(id, (await assertChecklist(tx, id)).name);

  // Times: as given, or one after another from the window's start.
  const start = toMinutes(input.windowStart);
  const end = toMinutes(input.windowEnd);
  const slot = Math.max(5, Math.min(15, Math.floor((end - start) / input.places.length)));
  const places = input.places.map((p, i) => {
    const from = p.startsAt ? toMinutes(p.startsAt) : start + i * slot;
    const to = Math.min(from + slot, end);
    if (from < start || from >= end)
      throw new AppError(
        'validation_failed',
        `${roomById.get(p.roomId)!.name} is planned at ${toTime(from)}, outside the walk’s window ${input.windowStart}–${input.windowEnd}.`,
      );
    return {
      trust_id: trustId,
      room_id: p.roomId,
      route_order: i,
      starts_at: toTime(from),
      ends_at: toTime(to > from ? to : from + 1),
      checklist_version_id: p.checklistVersionId ?? input.checklistVersionId,
      specialist_id: p.specialistId,
    };
  });

  const now = deps.now();
  const walkId = await q.insertWalk(tx, {
    trustId,
    schoolId,
    date: input.date,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    title: `Site walk: ${checklists.get(input.checklistVersionId)}`,
    purpose: input.howResultsUsed,
    createdBy,
    now,
  });
  await q.insertSiteWalk(tx, {
    trust_id: trustId,
    walk_id: walkId,
    school_id: schoolId,
    lead_id: input.leadId,
    checklist_version_id: input.checklistVersionId,
    how_results_used: input.howResultsUsed,
    names_rooms: input.namesRooms,
    schedule_id: scheduleId,
    walk_date: input.date,
  });
  await q.insertWalkers(tx, trustId, walkId, walkerIds);
  await q.insertPlaces(
    tx,
    places.map((p) => ({ ...p, walk_id: walkId })),
  );
  await q.insertGuests(tx, trustId, walkId, input.guests, now);
  return walkId;
}

export function planSiteWalk(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: SiteWalkInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.manage', 'plan site walks');
    const walkId = await createSiteWalkIn(
      tx,
      deps,
      auth.actor.trustId,
      auth.actor.personId,
      schoolId,
      input,
    );
    await audit(tx, auth, 'site_walk.create', 'walk', walkId);
    return { siteWalk: await detailIn(tx, deps, auth, walkId) };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * A site walk the person may open: the school's site managers and leaders (site.view), or one of
 * the walk's walkers or specialists. Anyone else in the trust is refused; another trust's walk,
 * or a walk that is not a site walk, is not found.
 */
export async function authorisedSiteWalk(
  tx: Tx,
  auth: SignedIn,
  walkId: string,
  mode: 'view' | 'record' | 'manage',
) {
  const walk = await q.findSiteWalk(tx, walkId);
  if (!walk) throw notFound('The site walk');
  const where = { trustId: walk.trust_id, schoolId: walk.school_id };
  if (decide(auth.actor, 'site.view', where) === 'not_found') throw notFound('The site walk');
  const manage = decide(auth.actor, 'site.manage', where) === 'allow';
  if (manage) return { walk, manage, specialistOf: null as Set<string> | null };
  const walkerIds = (await q.walkers(tx, walkId)).map((w) => w.person_id);
  const places = await q.walkPlaces(tx, walkId);
  const specialistOf = new Set(
    places.filter((p) => p.specialist_id === auth.actor.personId).map((p) => p.room_id),
  );
  const walker = walkerIds.includes(auth.actor.personId);
  if (mode !== 'manage' && walker) return { walk, manage, specialistOf: null };
  if (mode !== 'manage' && specialistOf.size > 0) return { walk, manage, specialistOf };
  if (mode === 'view' && decide(auth.actor, 'site.view', where) === 'allow')
    return { walk, manage, specialistOf: null };
  throw forbidden(mode === 'manage' ? 'change this site walk' : 'open this site walk');
}

type ChecklistItem = { id: string; key: string; prompt: string; category: string };

export async function itemsByVersion(tx: Tx, versionIds: readonly string[]) {
  const rows = await q.checklistItems(tx, [...new Set(versionIds)]);
  const out = new Map<string, ChecklistItem[]>();
  for (const r of rows)
    out.set(r.version_id, [
      ...(out.get(r.version_id) ?? []),
      { id: r.look_for_id, key: r.key, prompt: r.prompt, category: r.category },
    ]);
  return out;
}

export function findingDto(f: q.FindingRow, photoIds: string[]) {
  return {
    id: f.finding_id,
    placeId: f.room_id,
    itemId: f.look_for_id,
    outcome: f.outcome,
    likelihood: f.likelihood,
    severity: f.severity,
    band: f.band,
    notes: f.notes,
    makeSafe: f.make_safe,
    byGuest: f.guest_id !== null,
    actionId: f.action_id,
    photoIds,
    recordedAt: iso(f.recorded_at),
  };
}

async function detailIn(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  auth: SignedIn,
  walkId: string,
): Promise<SiteWalk> {
  const { walk, manage, specialistOf } = await authorisedSiteWalk(tx, auth, walkId, 'view');
  const [places, people, guests, findings, teachersNoticed] = await Promise.all([
    q.walkPlaces(tx, walkId),
    q.walkers(tx, walkId),
    q.walkGuests(tx, walkId),
    q.walkFindings(tx, walkId),
    q.countWalkNotices(tx, walkId),
  ]);
  const items = await itemsByVersion(
    tx,
    places.map((p) => p.checklist_version_id),
  );
  const names = new Map(
    (
      await q.versionNames(tx, [
        walk.checklist_version_id,
        ...places.map((p) => p.checklist_version_id),
      ])
    ).map((v) => [v.version_id, v.name]),
  );
  const since = new Date(deps.now().getTime() - RECENT_DAYS * 86_400_000);
  const actions = await q.actionsAtPlaces(
    tx,
    places.map((p) => p.room_id),
    since,
  );
  const photos = await q.photoIdsByFinding(
    tx,
    findings.map((f) => f.finding_id),
  );
  const visiblePlaces = specialistOf ? places.filter((p) => specialistOf.has(p.room_id)) : places;
  const lead = people.find((p) => p.person_id === walk.lead_id);
  const walker = people.some((p) => p.person_id === auth.actor.personId);
  return {
    id: walk.walk_id,
    schoolId: walk.school_id,
    date: walk.walk_date,
    windowStart: walk.window_start,
    windowEnd: walk.window_end,
    status: walk.status,
    lead: lead ? { id: lead.person_id, name: lead.full_name } : null,
    walkers: people.map((p) => ({ id: p.person_id, name: p.full_name })),
    checklist: {
      versionId: walk.checklist_version_id,
      name: names.get(walk.checklist_version_id) ?? '',
    },
    howResultsUsed: walk.how_results_used,
    namesRooms: walk.names_rooms,
    guests: guests.map((g) => ({
      id: g.guest_id,
      name: g.name,
      organisation: g.organisation,
      linkIssued: g.link_hash !== null,
      linkUsed: g.link_used_at !== null,
    })),
    places: visiblePlaces.map((p) => ({
      id: p.room_id,
      name: p.name,
      building: p.building,
      floor: p.floor,
      kind: p.area_kind,
      teaching: p.teaching,
      startsAt: p.starts_at,
      endsAt: p.ends_at,
      specialist: p.specialist_id ? { id: p.specialist_id, name: p.specialist_name ?? '' } : null,
      checklist: {
        versionId: p.checklist_version_id,
        name: names.get(p.checklist_version_id) ?? '',
      },
      items: items.get(p.checklist_version_id) ?? [],
      actions: actions
        .filter((a) => a.room_id === p.room_id)
        .map((a) => ({
          id: a.action_id,
          title: a.title,
          itemId: a.look_for_id,
          band: a.band,
          status: a.status,
          targetDate: a.target_date,
          closedAt: a.closed_at ? iso(a.closed_at) : null,
          closureNote: a.closure_note,
        })),
    })),
    findings: findings
      .filter((f) => !specialistOf || specialistOf.has(f.room_id))
      .map((f) => findingDto(f, photos.get(f.finding_id) ?? [])),
    teachersNoticed,
    canManage: manage,
    canRecord: walk.status === 'published' && (manage || walker || (specialistOf?.size ?? 0) > 0),
  };
}

export function siteWalkDetail(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const siteWalk = await detailIn(tx, deps, auth, walkId);
    await audit(tx, auth, 'site_walk.read', 'walk', walkId);
    return { siteWalk };
  });
}

export function listSiteWalks(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.view', 'see the school’s site walks');
    const rows = await q.listWalks(tx, schoolId);
    return {
      walks: rows.map((r) => ({
        id: r.walk_id,
        date: r.walk_date,
        windowStart: r.window_start,
        status: r.status,
        checklistName: r.checklist_name,
        places: Number(r.places ?? 0),
        findings: Number(r.findings ?? 0),
        scheduled: r.schedule_id !== null,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing: teachers' notice with the checklist and the statement
// ---------------------------------------------------------------------------------------------

/** The statement of next steps as teachers read it. */
export function statementLines(walk: { how_results_used: string; names_rooms: boolean }) {
  return [
    `How the results will be used: ${walk.how_results_used}`,
    walk.names_rooms
      ? 'Feedback may name individual rooms. It never names a teacher.'
      : 'Feedback will not name individual rooms or teachers.',
  ];
}

export function publishSiteWalk(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { walk } = await authorisedSiteWalk(tx, auth, walkId, 'manage');
    if (walk.status !== 'draft')
      throw new AppError(
        'walk_not_draft',
        walk.status === 'published'
          ? 'This site walk is already published; the teachers have been told.'
          : 'This site walk was cancelled. Plan a new one.',
      );
    const school = await tx
      .selectFrom('schools')
      .select(['school_id', 'timetable_cycle_weeks'])
      .where('school_id', '=', walk.school_id)
      .executeTakeFirstOrThrow();
    const settings = await loadSettingsRow(tx, walk.school_id);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor ?? null);
    const places = await q.walkPlaces(tx, walkId);
    const people = await q.walkers(tx, walkId);
    const guests = await q.walkGuests(tx, walkId);
    const teaching = places.filter((p) => p.teaching);
    const lessons = await q.lessonsInRooms(
      tx,
      walk.school_id,
      teaching.map((p) => p.room_id),
      weekdayOf(walk.walk_date),
      cycleWeekOf(calendar, walk.walk_date),
    );
    const who = [
      ...people.map((p) => p.full_name),
      ...guests.map((g) => (g.organisation ? `${g.name} (${g.organisation})` : g.name)),
    ].join(' and ');
    const checklistUrl = `${deps.config.publicUrl}/site-walks/${walkId}/checklist`;
    // One notice per teacher, naming each of their rooms the walk passes while they teach.
    const byTeacher = new Map<string, { email: string; name: string; lines: string[] }>();
    for (const p of teaching) {
      const from = toMinutes(p.starts_at);
      const to = toMinutes(p.ends_at);
      for (const l of lessons) {
        if (l.room_id !== p.room_id || l.disabled_at) continue;
        if (!(toMinutes(l.starts_at) < to && from < toMinutes(l.ends_at))) continue;
        const entry = byTeacher.get(l.teacher_id) ?? {
          email: l.email,
          name: l.full_name,
          lines: [],
        };
        const specialist = p.specialist_name ? `, with ${p.specialist_name}` : '';
        entry.lines.push(`${p.name} (${p.building}) at about ${p.starts_at}${specialist}`);
        byTeacher.set(l.teacher_id, entry);
      }
    }
    const now = deps.now();
    await q.publishWalk(tx, walkId, auth.actor.personId, now);
    for (const [teacherId, t] of byTeacher) {
      await mail({
        kind: 'site_walk_notice',
        personId: teacherId,
        email: t.email,
        schoolId: walk.school_id,
        walkId,
        subject: `Health-and-safety walk on ${formatDate(walk.walk_date)}: your room`,
        lines: [
          `A health-and-safety walk of the site passes through a room where you are teaching on ${formatDate(walk.walk_date)}:`,
          ...t.lines.map((line) => `- ${line}`),
          '',
          `Who walks: ${who}. They look at the room and its equipment, not at the lesson, and keep the visit short.`,
          ...statementLines(walk),
          '',
          `The checklist they will use (printable): ${checklistUrl}`,
        ],
        link: `/site-walks/${walkId}/checklist`,
      });
    }
    // Specialists hear which places they join.
    for (const p of places.filter((x) => x.specialist_id)) {
      const person = await tx
        .selectFrom('people')
        .select(['email'])
        .where('person_id', '=', p.specialist_id!)
        .executeTakeFirst();
      await mail({
        kind: 'site_walk_notice',
        personId: p.specialist_id!,
        email: person?.email,
        schoolId: walk.school_id,
        walkId,
        subject: `You are asked to join a health-and-safety walk on ${formatDate(walk.walk_date)}`,
        lines: [
          `Please join the health-and-safety walk at ${p.name} (${p.building}) at about ${p.starts_at} on ${formatDate(walk.walk_date)}, as the specialist for that area.`,
          `The checklist (printable): ${checklistUrl}`,
        ],
        link: `/site-walks/${walkId}`,
      });
    }
    await audit(tx, auth, 'site_walk.publish', 'walk', walkId);
    return { siteWalk: await detailIn(tx, deps, auth, walkId), teachersNoticed: byTeacher.size };
  });
}

// ---------------------------------------------------------------------------------------------
// The printable checklist: for anyone on the school's staff (teachers get it with their notice)
// ---------------------------------------------------------------------------------------------

export function printableChecklist(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await q.findSiteWalk(tx, walkId);
    if (!walk) throw notFound('The site walk');
    const decision = decide(auth.actor, 'school.view', {
      trustId: walk.trust_id,
      schoolId: walk.school_id,
    });
    if (decision !== 'allow') throw notFound('The site walk');
    if (walk.status === 'draft' && !maySite(auth, 'site.view', walk.school_id))
      throw notFound('The site walk');
    const places = await q.walkPlaces(tx, walkId);
    const versionIds = [
      ...new Set([walk.checklist_version_id, ...places.map((p) => p.checklist_version_id)]),
    ];
    const items = await itemsByVersion(tx, versionIds);
    const names = new Map(
      (await q.versionNames(tx, versionIds)).map((v) => [v.version_id, v.name]),
    );
    return {
      walk: {
        date: walk.walk_date,
        windowStart: walk.window_start,
        windowEnd: walk.window_end,
        howResultsUsed: walk.how_results_used,
        namesRooms: walk.names_rooms,
      },
      checklists: versionIds.map((id) => {
        const categories: { name: string; items: string[] }[] = [];
        for (const item of items.get(id) ?? []) {
          const last = categories.at(-1);
          if (last && last.name === item.category) last.items.push(item.prompt);
          else categories.push({ name: item.category, items: [item.prompt] });
        }
        return { name: names.get(id) ?? '', categories };
      }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Guest links
// ---------------------------------------------------------------------------------------------

/**
 * A single-use link for a named guest of the walk: it opens once, on one device, and lets the
 * guest record findings for this walk only. A new link replaces the old (and ends its use).
 */
export function issueGuestLink(deps: AppDeps, auth: SignedIn, walkId: string, guestId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSiteWalk(tx, auth, walkId, 'manage');
    const secret = randomBytes(24).toString('base64url');
    const expiresAt = new Date(deps.now().getTime() + GUEST_LINK_DAYS * 86_400_000);
    const updated = await q.setGuestLink(tx, walkId, guestId, hashToken(secret), expiresAt);
    if (updated === 0) throw notFound('The guest');
    await audit(tx, auth, 'site_walk.guest_link', 'site_walk_guest', guestId);
    const code = `${auth.actor.trustId}.${secret}`;
    return {
      url: `${deps.config.publicUrl}/site-guest#${code}`,
      expiresAt: expiresAt.toISOString(),
    };
  });
}
