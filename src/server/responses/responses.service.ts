import type {
  Flag,
  FlagInput,
  MyVisitRecords,
  ResolveFlag,
  Viewer,
  VisitRecords,
} from '../../contracts/responses.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { prevalenceLevels } from '../../domain/frameworks/types.ts';
import { presentRecord, type Reader } from '../../domain/neutral-language/present.ts';
import {
  type CaptureLookFor,
  canonicalBody,
  type RecordBody,
  validateRecordBody,
} from '../../domain/records/body.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { focusLookFors } from '../kernel/focus-look-fors.ts';
import { responseWindow } from '../kernel/school-rules.ts';
import { findVisit, personContact, teachersOfVisit, type VisitRow } from '../kernel/visits.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import * as records from '../records/record-access.ts';
import { refuseUnlessNeutral, schoolChecker } from '../records/rule-nine.ts';
import * as q from './responses.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

// ---------------------------------------------------------------------------------------------
// The response window (protocol rule 8): N school days from the day the records were handed in.
// ---------------------------------------------------------------------------------------------

/** No record handed in: the window is not open, and no calendar is needed to say so. */

// ---------------------------------------------------------------------------------------------
// Who may read a visit's records (DESIGN.md §6)
// ---------------------------------------------------------------------------------------------

type Access = { visit: VisitRow; viewer: Viewer; teacherIds: string[] };

/**
 * The visited teacher (or a co-teacher), a coach the teacher shared the visit with, the school's
 * leaders, or one of the visit's observers (their own records only). Anyone else: 403 within
 * the trust, 404 outside it (RLS: another trust's visit does not exist here).
 */
async function visitAccess(tx: Tx, auth: SignedIn, visitId: string): Promise<Access> {
  const visit = await findVisit(tx, visitId);
  if (!visit) throw notFound('The visit');
  const me = auth.actor.personId;
  const where = { trustId: visit.trust_id, schoolId: visit.school_id };
  const teacherIds = await teachersOfVisit(tx, visit);
  if (
    teacherIds.includes(me) &&
    decide(auth.actor, 'record.read_own_visit', { ...where, personId: me }) === 'allow'
  ) {
    return { visit, viewer: 'teacher', teacherIds };
  }
  const share = await q.activeShare(tx, visit.visit_id);
  if (share?.coach_id === me && decide(auth.actor, 'record.read_as_coach', where) === 'allow') {
    return { visit, viewer: 'coach', teacherIds };
  }
  const asLeader = decide(auth.actor, 'record.read_school', where);
  if (asLeader === 'allow') {
    return { visit, viewer: 'leader', teacherIds };
  }
  if (await records.isObserver(tx, visit.walk_id, me)) {
    return { visit, viewer: 'observer', teacherIds };
  }
  // A visiting observer from another school: nothing of the host school beyond their walk exists.
  if (asLeader === 'not_found') throw notFound('The visit');
  throw new AppError(
    'forbidden',
    'Only the teacher whose class was visited, a coach they chose to share it with, the school’s leaders and the visit’s observers can read the records of a visit.',
  );
}

function itemLabel(item: string, lookFors: readonly { id: string; prompt: string }[]) {
  if (item === 'notes') return 'Notes';
  const [kind, id] = item.split(':');
  const prompt = lookFors.find((f) => f.id === id)?.prompt ?? 'an item no longer in the focus';
  return kind === 'voice' ? `What pupils said: “${prompt}”` : `“${prompt}”`;
}

async function lookForsOfVisit(tx: Tx, visit: VisitRow) {
  if (!visit.focus_id) return [];
  const rows = await focusLookFors(tx, visit.focus_id);
  return rows.map((r) => ({
    id: r.id,
    prompt: r.prompt,
    answerKind: r.answer_kind,
    audience: r.audience,
  }));
}

function flagDto(
  f: q.FlagRow,
  lookFors: readonly { id: string; prompt: string }[],
  auth: SignedIn,
): Flag {
  const leader =
    decide(auth.actor, 'record.read_school', {
      trustId: auth.actor.trustId,
      schoolId: f.school_id,
    }) === 'allow';
  return {
    id: f.flag_id,
    recordId: f.record_id,
    item: f.item,
    itemLabel: itemLabel(f.item, lookFors),
    explanation: f.explanation,
    raisedAt: iso(f.raised_at),
    againstVersion: f.against_version,
    status: f.status,
    resolutionNote: f.resolution_note,
    resolvedAt: f.resolved_at ? iso(f.resolved_at) : null,
    correctedVersion: f.corrected_version,
    canResolve: f.status === 'open' && (f.observer_id === auth.actor.personId || leader),
  };
}

/** The teacher's reflection, for the teacher or a coach they shared it with; its read is audited. */
async function readReflection(
  tx: Tx,
  auth: SignedIn,
  { visit, viewer }: Pick<Access, 'visit' | 'viewer'>,
  share: Awaited<ReturnType<typeof q.activeShare>>,
): Promise<VisitRecords['reflection']> {
  if (viewer !== 'teacher' && !(viewer === 'coach' && share?.include_reflection)) return null;
  const owner = viewer === 'teacher' ? auth.actor.personId : visit.teacher_id;
  const r = await q.findReflection(tx, visit.visit_id, owner);
  if (!r) return null;
  await audit(tx, auth, 'reflection.read', 'visit', visit.visit_id);
  return { body: r.body, updatedAt: iso(r.updated_at) };
}

/** The handed-in records with their versions and photos, each body as this reader is shown it (rule 9). */
function recordDtos(
  rows: Awaited<ReturnType<typeof q.handedInRecords>>,
  versions: Awaited<ReturnType<typeof q.versionsOf>>,
  photos: Awaited<ReturnType<typeof q.photosOf>>,
  present: (body: unknown) => ReturnType<typeof presentRecord>,
): VisitRecords['records'] {
  return rows.map((r) => {
    const shown = present(r.body);
    return {
      id: r.record_id,
      observerName: r.observer_name,
      versionNo: r.version_no,
      handedInAt: iso(r.handed_in_at!),
      body: shown.body,
      photoIds: photos.filter((p) => p.record_id === r.record_id).map((p) => p.photo_id),
      versions: versions
        .filter((v) => v.record_id === r.record_id)
        .map((v) => ({
          versionNo: v.version_no,
          createdAt: iso(v.created_at),
          body: present(v.body).body,
        })),
      kept: shown.marks,
      removed: shown.removed,
    };
  });
}

/** Everything about one visit's records that this person may see. Every record read is audited. */
export function visitRecords(
  deps: AppDeps,
  auth: SignedIn,
  visitId: string,
): Promise<VisitRecords> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { visit, viewer } = await visitAccess(tx, auth, visitId);
    let rows = await q.handedInRecords(tx, [visit.visit_id]);
    if (viewer === 'observer') rows = rows.filter((r) => r.observer_id === auth.actor.personId);
    const ids = rows.map((r) => r.record_id);
    const [versions, photos, responses, flags, lookFors, share] = await Promise.all([
      q.versionsOf(tx, ids),
      q.photosOf(tx, ids),
      q.responsesOf(tx, visit.visit_id),
      q.flagsOf(tx, { visitId: visit.visit_id }),
      lookForsOfVisit(tx, visit),
      q.activeShare(tx, visit.visit_id),
    ]);
    const firstHandIn = rows[0]?.handed_in_at ?? null;
    // Rule 9: kept phrases are marked; what was never kept with a reason is taken out.
    const checker = rows.length > 0 ? await schoolChecker(tx, visit.school_id) : null;
    const reader: Reader =
      viewer === 'teacher' ? 'teacher' : viewer === 'observer' ? 'observer' : 'leader';
    const present = (body: unknown) =>
      presentRecord(checker!, canonicalBody(body as RecordBody), reader);
    const window = await responseWindow(tx, visit, firstHandIn, deps.now());
    for (const id of ids) await audit(tx, auth, 'record.read', 'record', id);

    const reflection = await readReflection(tx, auth, { visit, viewer }, share);
    const coach =
      viewer === 'teacher' ? await q.coachOf(tx, visit.school_id, auth.actor.personId) : undefined;
    const visibleFlags = flags.filter((f) => viewer !== 'observer' || ids.includes(f.record_id));
    return {
      viewer,
      visit: {
        id: visit.visit_id,
        walkId: visit.walk_id,
        schoolId: visit.school_id,
        schoolName: visit.school_name,
        date: visit.visit_date,
        classCode: visit.class_code,
        room: visit.room_name,
        focusTitle: visit.focus_title,
        purpose: visit.purpose,
      },
      window,
      lookFors,
      records: recordDtos(rows, versions, photos, present),
      responses: responses.map((r) => ({
        id: r.response_id,
        body: r.body,
        authorName: r.author_name,
        createdAt: iso(r.created_at),
      })),
      flags: visibleFlags.map((f) => flagDto(f, lookFors, auth)),
      reflection,
      coach: coach ? { id: coach.person_id, name: coach.full_name } : null,
      share:
        viewer === 'teacher' && share
          ? {
              coachName: share.coach_name,
              includeReflection: share.include_reflection,
              sharedAt: iso(share.shared_at),
            }
          : null,
      can: {
        respond: viewer === 'teacher' && window.open && rows.length > 0,
        reflect: viewer === 'teacher',
        share: viewer === 'teacher' && coach !== undefined,
      },
    };
  });
}

/** A photo of a handed-in record, for those who may read the visit's records. */
export function visitPhoto(
  deps: AppDeps,
  auth: SignedIn,
  visitId: string,
  recordId: string,
  photoId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { visit, viewer } = await visitAccess(tx, auth, visitId);
    const record = await records.findRecord(tx, recordId);
    if (!record || record.visit_id !== visit.visit_id || !record.handed_in_at) {
      throw notFound('The record');
    }
    if (viewer === 'observer' && record.observer_id !== auth.actor.personId) {
      throw notFound('The record');
    }
    const photo = await records.readPhotoBytes(tx, photoId);
    if (!photo || photo.record_id !== recordId) throw notFound('The photo');
    await audit(tx, auth, 'record.read_photo', 'record_photo', photoId);
    return { bytes: photo.bytes, mime: photo.mime };
  });
}

/** Lists the teacher's visits that have handed-in records, with each response window. */
export function myVisitRecords(deps: AppDeps, auth: SignedIn): Promise<MyVisitRecords> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const visits = (await q.myRecordedVisits(tx, auth.actor.personId)).filter(
      (v) =>
        decide(auth.actor, 'record.read_own_visit', {
          trustId: auth.actor.trustId,
          schoolId: v.school_id,
          personId: auth.actor.personId,
        }) === 'allow',
    );
    const ids = visits.map((v) => v.visit_id);
    const rows = await q.handedInRecords(tx, ids);
    const out: MyVisitRecords['visits'] = [];
    for (const v of visits) {
      const mine = rows.filter((r) => r.visit_id === v.visit_id);
      const flags = await q.flagsOf(tx, { visitId: v.visit_id });
      const share = await q.activeShare(tx, v.visit_id);
      out.push({
        visitId: v.visit_id,
        date: v.visit_date,
        schoolName: v.school_name,
        classCode: v.class_code,
        focusTitle: v.focus_title,
        records: mine.length,
        openFlags: flags.filter((f) => f.status === 'open').length,
        window: await responseWindow(tx, v, mine[0]?.handed_in_at ?? null, deps.now()),
        sharedWithCoach: share !== undefined,
      });
    }
    return { visits: out };
  });
}

/** Visits teachers have shared with me as their coach. */
export function myCoaching(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const visits = (await q.visitsSharedWith(tx, auth.actor.personId)).filter(
      (v) =>
        decide(auth.actor, 'record.read_as_coach', {
          trustId: auth.actor.trustId,
          schoolId: v.school_id,
        }) === 'allow',
    );
    const rows = await q.handedInRecords(
      tx,
      visits.map((v) => v.visit_id),
    );
    return {
      visits: visits.map((v) => ({
        visitId: v.visit_id,
        date: v.visit_date,
        teacherName: v.teacher_name,
        classCode: v.class_code,
        focusTitle: v.focus_title,
        records: rows.filter((r) => r.visit_id === v.visit_id).length,
      })),
    };
  });
}

/** Open flags on records I wrote, and (for school leaders) on records in my schools. */
export function myFlags(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const flags = (await q.flagsOf(tx, {})).filter((f) => f.status === 'open');
    const out = [];
    for (const f of flags) {
      const leader =
        decide(auth.actor, 'record.read_school', {
          trustId: auth.actor.trustId,
          schoolId: f.school_id,
        }) === 'allow';
      if (f.observer_id !== auth.actor.personId && !leader) continue;
      const visit = (await findVisit(tx, f.visit_id))!;
      const lookFors = await lookForsOfVisit(tx, visit);
      out.push({
        ...flagDto(f, lookFors, auth),
        visitId: f.visit_id,
        date: visit.visit_date,
        classCode: visit.class_code,
      });
    }
    return { flags: out };
  });
}

// ---------------------------------------------------------------------------------------------
// The teacher's answers: responses, flags, reflections, coach sharing
// ---------------------------------------------------------------------------------------------

async function teacherOfOpenWindow(tx: Tx, deps: AppDeps, auth: SignedIn, visitId: string) {
  const access = await visitAccess(tx, auth, visitId);
  if (
    access.viewer !== 'teacher' ||
    decide(auth.actor, 'record.respond', {
      trustId: access.visit.trust_id,
      schoolId: access.visit.school_id,
      personId: auth.actor.personId,
    }) !== 'allow'
  ) {
    throw forbidden('respond to this visit: only the teacher whose class was visited can');
  }
  const rows = await q.handedInRecords(tx, [access.visit.visit_id]);
  if (rows.length === 0) {
    throw new AppError(
      'no_records_yet',
      'No record of this visit has been handed in yet. You can respond once the observers hand in what they wrote.',
    );
  }
  const window = await responseWindow(tx, access.visit, rows[0]!.handed_in_at, deps.now());
  if (!window.open) {
    throw new AppError(
      'response_window_closed',
      `The time to respond to this visit closed on ${formatDate(window.closesOn!)} (${window.schoolDays} school days after the records were handed in). If something is still wrong, speak to the headteacher.`,
      { window },
    );
  }
  return { ...access, rows, window };
}

export function addResponse(
  deps: MailDeps & AppDeps,
  auth: SignedIn,
  visitId: string,
  body: string,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { visit, rows } = await teacherOfOpenWindow(tx, deps, auth, visitId);
    const responseId = await q.insertResponse(tx, {
      trustId: visit.trust_id,
      visitId: visit.visit_id,
      authorId: auth.actor.personId,
      body,
      now: deps.now(),
    });
    await audit(tx, auth, 'record.respond', 'visit', visit.visit_id);
    const observers = await personContact(tx, [...new Set(rows.map((r) => r.observer_id))]);
    for (const o of observers) {
      await mail({
        kind: 'record_response',
        personId: o.person_id,
        email: o.email,
        schoolId: visit.school_id,
        subject: `A response to your record of ${visit.class_code}`,
        link: `/visits/${visit.visit_id}/records`,
        visitId: visit.visit_id,
        lines: [
          `The teacher of ${visit.class_code} (${formatDate(visit.visit_date)}, focus: ${visit.focus_title}) has added a response to the records of the visit: context the observers could not see.`,
          '',
          `Read it in Learning Walks: ${deps.config.publicUrl}/visits/${visit.visit_id}/records`,
        ],
      });
    }
    return { id: responseId };
  });
}

function checkItem(
  item: string,
  body: RecordBody,
  lookFors: readonly { id: string }[],
): { kind: 'notes' | 'answer' | 'voice'; id: string | null } {
  if (item === 'notes') return { kind: 'notes', id: null };
  const [kind, id] = item.split(':') as ['answer' | 'voice', string];
  const present =
    kind === 'answer'
      ? body.answers.some((a) => a.lookForId === id)
      : body.studentVoice.some((s) => s.promptId === id);
  if (!present || !lookFors.some((f) => f.id === id)) {
    throw new AppError(
      'no_such_item',
      `The record has no ${kind === 'answer' ? 'answer to that look-for' : 'pupil answer to that prompt'}. Choose an item that appears in the record.`,
    );
  }
  return { kind, id };
}

/** Flags a factual error on one item of one record; the observer and the school's leaders are told. */
export function flagError(
  deps: MailDeps & AppDeps,
  auth: SignedIn,
  visitId: string,
  input: FlagInput,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { visit, rows } = await teacherOfOpenWindow(tx, deps, auth, visitId);
    const record = rows.find((r) => r.record_id === input.recordId);
    if (!record) {
      throw new AppError(
        'not_this_visit',
        'That record is not one of the handed-in records of this visit. Choose a record shown on this page.',
      );
    }
    const lookFors = await lookForsOfVisit(tx, visit);
    checkItem(input.item, canonicalBody(record.body), lookFors);
    const flagId = await q.insertFlag(tx, {
      trustId: visit.trust_id,
      visitId: visit.visit_id,
      recordId: record.record_id,
      item: input.item,
      explanation: input.explanation,
      raisedBy: auth.actor.personId,
      now: deps.now(),
      againstVersion: record.version_no,
    });
    await audit(tx, auth, 'record.flag_error', 'record', record.record_id);
    const [observer] = await personContact(tx, [record.observer_id]);
    const leaders = await q.schoolLeaders(tx, visit.school_id);
    const lines = [
      `The teacher of ${visit.class_code} (${formatDate(visit.visit_date)}, focus: ${visit.focus_title}) has flagged a factual error in ${record.observer_name}'s record.`,
      `Item: ${itemLabel(input.item, lookFors)}`,
      `What the teacher says: ${input.explanation}`,
      '',
      'The record’s observer (or a school leader) can correct it — the original stays in the record’s history — or explain why it stands.',
      `Open it in Learning Walks: ${deps.config.publicUrl}/visits/${visit.visit_id}/records`,
    ];
    const told = new Set<string>();
    for (const p of [observer, ...leaders]) {
      if (!p || told.has(p.person_id)) continue;
      told.add(p.person_id);
      await mail({
        kind: 'record_flagged',
        personId: p.person_id,
        email: p.email,
        schoolId: visit.school_id,
        subject: `A factual error was flagged: ${visit.class_code}`,
        link: `/visits/${visit.visit_id}/records`,
        visitId: visit.visit_id,
        lines,
      });
    }
    return { id: flagId };
  });
}

function correctedBody(
  body: RecordBody,
  target: { kind: 'notes' | 'answer' | 'voice'; id: string | null },
  value: string | number | boolean | undefined,
): RecordBody {
  const wrong = (what: string) =>
    new AppError('invalid_correction', `The correction must be ${what}.`);
  if (target.kind === 'notes') {
    if (typeof value !== 'string') throw wrong('the corrected notes, as text');
    return { ...body, notes: value };
  }
  if (target.kind === 'voice') {
    if (typeof value !== 'string' || !value.trim()) throw wrong('what pupils said, as text');
    return {
      ...body,
      studentVoice: body.studentVoice.map((s) =>
        s.promptId === target.id ? { ...s, text: value } : s,
      ),
    };
  }
  const answer = body.answers.find((a) => a.lookForId === target.id)!;
  if (answer.kind === 'prevalence' && !(prevalenceLevels as readonly unknown[]).includes(value)) {
    throw wrong(`one of ${prevalenceLevels.join(', ')}`);
  }
  if (answer.kind === 'seen' && typeof value !== 'boolean') throw wrong('true (seen) or false');
  if (answer.kind === 'count' && typeof value !== 'number') throw wrong('a whole number');
  if (answer.kind === 'note' && typeof value !== 'string') throw wrong('text');
  return {
    ...body,
    answers: body.answers.map((a) =>
      a.lookForId === target.id ? ({ ...a, value } as typeof a) : a,
    ),
  };
}

/**
 * Corrects the flagged item: a new version of the record (validated, and neutral by rule 9, as a
 * hand-in is), the original kept in its history. Returns the new version's number.
 */
async function correctItem(
  tx: Tx,
  auth: SignedIn,
  visit: VisitRow,
  flag: q.FlagRow,
  correction: string | number | boolean,
  now: Date,
): Promise<number> {
  const record = (await records.findRecord(tx, flag.record_id, true))!;
  const lookFors = await lookForsOfVisit(tx, visit);
  const body = canonicalBody(record.body);
  const target = checkItem(flag.item, body, lookFors);
  const next = canonicalBody(correctedBody(body, target, correction));
  const problems = validateRecordBody(next, lookFors as CaptureLookFor[]);
  if (problems.length > 0) {
    throw new AppError(
      problems[0]!.code,
      `The correction was not saved: ${problems[0]!.message}`,
      problems,
    );
  }
  // A correction is read by the teacher and kept, as a hand-in is: rule 9 applies.
  refuseUnlessNeutral(
    await schoolChecker(tx, visit.school_id),
    [{ record_id: record.record_id, visit_id: record.visit_id, body: next }],
    'The correction was not saved',
  );
  const correctedVersion = await records.keepCorrectedVersion(
    tx,
    record,
    next,
    auth.actor.personId,
    now,
  );
  await audit(tx, auth, 'record.correct', 'record', record.record_id);
  return correctedVersion;
}

/** An open flag the person may settle: the record's observer, or one of the school's leaders. */
async function openFlagToSettle(tx: Tx, auth: SignedIn, flagId: string) {
  const [flag] = await q.flagsOf(tx, { flagId });
  if (!flag) throw notFound('The flag');
  const leader =
    decide(auth.actor, 'record.read_school', {
      trustId: auth.actor.trustId,
      schoolId: flag.school_id,
    }) === 'allow';
  if (flag.observer_id !== auth.actor.personId && !leader) {
    throw forbidden('settle this flag: only the record’s observer or a school leader can');
  }
  if (flag.status !== 'open') {
    throw new AppError('flag_settled', 'This flag has already been settled.');
  }
  return flag;
}

/**
 * Settles a flag: the record's observer (or a school leader) corrects the item — a new version of
 * the record, the original kept in its history — or explains why it stands. The teacher is told.
 */
export function resolveFlag(
  deps: MailDeps & AppDeps,
  auth: SignedIn,
  flagId: string,
  input: ResolveFlag,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const flag = await openFlagToSettle(tx, auth, flagId);
    const visit = (await findVisit(tx, flag.visit_id))!;
    const now = deps.now();
    let correctedVersion: number | null = null;
    if (input.outcome === 'corrected') {
      if (input.correction === undefined) {
        throw new AppError(
          'invalid_correction',
          'Give the corrected value of the item (correction), or choose not_changed and say why.',
        );
      }
      correctedVersion = await correctItem(tx, auth, visit, flag, input.correction, now);
    } else if (!input.note) {
      throw new AppError(
        'note_required',
        'Say why the record stands as written (note): the teacher will read it.',
      );
    }
    await q.settleFlag(tx, flag.flag_id, {
      status: input.outcome,
      by: auth.actor.personId,
      now,
      note: input.note || null,
      correctedVersion,
    });
    await audit(tx, auth, 'record.flag_resolve', 'record_flag', flag.flag_id);
    const teachers = await personContact(tx, await teachersOfVisit(tx, visit));
    for (const t of teachers) {
      await mail({
        kind: 'flag_settled',
        personId: t.person_id,
        email: t.email,
        schoolId: visit.school_id,
        subject: `Your flagged error: ${input.outcome === 'corrected' ? 'corrected' : 'answered'}`,
        link: `/visits/${visit.visit_id}/records`,
        visitId: visit.visit_id,
        lines: [
          input.outcome === 'corrected'
            ? `The record of your visit (${visit.class_code}, ${formatDate(visit.visit_date)}) has been corrected as version ${correctedVersion}. The original stays in the record's history.`
            : `The observer has answered the factual error you flagged on the record of your visit (${visit.class_code}, ${formatDate(visit.visit_date)}): ${input.note}`,
          '',
          `Read it in Learning Walks: ${deps.config.publicUrl}/visits/${visit.visit_id}/records`,
        ],
      });
    }
    return { status: input.outcome, correctedVersion };
  });
}

/** The teacher's private reflection on the visit: only they (and a coach they share it with) read it. */
export function saveReflection(deps: AppDeps, auth: SignedIn, visitId: string, body: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { visit, viewer } = await visitAccess(tx, auth, visitId);
    if (viewer !== 'teacher') {
      throw forbidden('write a reflection on this visit: only the visited teacher can');
    }
    const now = deps.now();
    await q.saveReflection(tx, {
      trustId: visit.trust_id,
      visitId: visit.visit_id,
      teacherId: auth.actor.personId,
      body,
      now,
    });
    await audit(tx, auth, 'reflection.write', 'visit', visit.visit_id);
    return { body, updatedAt: now.toISOString() };
  });
}

/** Shares the visit's records (and, if chosen, the reflection) with the teacher's coach. */
export function shareWithCoach(
  deps: MailDeps & AppDeps,
  auth: SignedIn,
  visitId: string,
  includeReflection: boolean,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { visit, viewer } = await visitAccess(tx, auth, visitId);
    if (viewer !== 'teacher') {
      throw forbidden('share this visit: only the visited teacher can');
    }
    const coach = await q.coachOf(tx, visit.school_id, auth.actor.personId);
    if (!coach) {
      throw new AppError(
        'no_coach',
        'You have no coach or mentor on your staff profile. Ask a school leader to add one, then share the visit.',
      );
    }
    const now = deps.now();
    await q.shareVisit(tx, {
      trustId: visit.trust_id,
      visitId: visit.visit_id,
      coachId: coach.person_id,
      includeReflection,
      now,
    });
    await audit(tx, auth, 'record.share_with_coach', 'visit', visit.visit_id);
    await mail({
      kind: 'visit_shared',
      personId: coach.person_id,
      email: coach.email,
      schoolId: visit.school_id,
      subject: 'A colleague has shared a learning walk visit with you',
      link: `/visits/${visit.visit_id}/records`,
      visitId: visit.visit_id,
      lines: [
        `A colleague has chosen to share the records of a visit to their class (${formatDate(visit.visit_date)}, focus: ${visit.focus_title}) with you as their coach${includeReflection ? ', with their own reflection' : ''}.`,
        '',
        `Read it in Learning Walks: ${deps.config.publicUrl}/visits/${visit.visit_id}/records`,
      ],
    });
    return { coachName: coach.full_name, includeReflection, sharedAt: now.toISOString() };
  });
}

export function revokeCoachShare(deps: AppDeps, auth: SignedIn, visitId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { visit, viewer } = await visitAccess(tx, auth, visitId);
    if (viewer !== 'teacher') {
      throw forbidden('stop sharing this visit: only the visited teacher can');
    }
    const revoked = await q.revokeShare(tx, visit.visit_id, deps.now());
    await audit(tx, auth, 'record.unshare', 'visit', visit.visit_id);
    return { revoked };
  });
}
