import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalBody, canonicalJson } from '../../domain/records/body.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { DB, Role } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { DemoLesson, DemoSchool, DemoStaff, DemoTrust } from '../demo/demo-trust.ts';
import { type WrittenTrust, writeTrust } from '../demo/write-trust.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

const schoolRoles: Role[] = ['school_leader', 'observer', 'teacher', 'site_manager'];

/** A small school: one person per school role, two rooms, two periods, a few lessons. */
export function schoolFixture(slug: string, name: string): DemoSchool {
  const domain = `${slug}-${name.toLowerCase().replace(/[^a-z]/g, '')}.test`;
  const staff: DemoStaff[] = schoolRoles.map((role) => ({
    fullName: `${name} ${role.replace('_', ' ')}`,
    title: 'Ms',
    email: `${role}@${domain}`,
    roles: role === 'observer' ? ['observer', 'teacher'] : [role],
  }));
  const teacher = staff.find((s) => s.roles[0] === 'teacher')!;
  const observer = staff.find((s) => s.roles[0] === 'observer')!;
  const lesson = (who: DemoStaff, room: string, weekday: number, period: number): DemoLesson => ({
    classCode: `${who === teacher ? '7A' : '7B'}/${weekday}${period}`,
    department: 'Science',
    yearGroup: 'Year 7',
    teacherEmail: who.email,
    room,
    cycleWeek: 1,
    weekday,
    period,
  });
  return {
    name,
    phase: 'secondary',
    urn: null as unknown as string,
    cycleWeeks: 1,
    departments: ['Science', 'History'],
    yearGroups: ['Year 7', 'Year 8'],
    rooms: [
      { name: 'S1', building: 'Main', floor: 0 },
      { name: 'S2', building: 'Main', floor: 1 },
    ],
    periods: [
      { name: 'P1', startsAt: '09:00', endsAt: '10:00' },
      { name: 'P2', startsAt: '10:00', endsAt: '11:00' },
    ],
    staff,
    profiles: staff.map((s) => ({
      email: s.email,
      staffCode: s.roles[0]!.split('_')
        .map((w) => w.slice(0, 2).toUpperCase())
        .join(''),
      departments: s.roles.includes('teacher') ? ['Science'] : [],
      coachEmail: s === teacher ? observer.email : null,
    })),
    terms: [
      { name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' },
      { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
      { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
    ],
    closures: [
      { kind: 'inset', label: 'INSET day', startsOn: '2026-11-27', endsOn: '2026-11-27' },
      { kind: 'holiday', label: 'Spring half term', startsOn: '2027-02-15', endsOn: '2027-02-19' },
    ],
    lessons: [
      lesson(teacher, 'S1', 1, 1),
      lesson(teacher, 'S1', 2, 2),
      lesson(observer, 'S2', 1, 1),
    ],
  };
}

export function trustFixture(slug: string): DemoTrust {
  return {
    name: `Trust ${slug}`,
    slug,
    trustStaff: [
      {
        fullName: `${slug} admin`,
        title: 'Mr',
        email: `admin@${slug}.test`,
        roles: ['trust_admin'],
      },
      {
        fullName: `${slug} leader`,
        title: 'Dr',
        email: `leader@${slug}.test`,
        roles: ['trust_leader'],
      },
    ],
    schools: [schoolFixture(slug, 'North'), schoolFixture(slug, 'South')],
  };
}

export type TestTrust = WrittenTrust & {
  fixture: DemoTrust;
  /** email of the person with this role (in the first school, for school roles) */
  email(role: Role, school?: 'North' | 'South'): string;
  school(name: 'North' | 'South'): string;
  person(email: string): string;
};

export async function createTestTrust(db: Kysely<DB>, slug: string): Promise<TestTrust> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const fixture = trustFixture(slug);
  const written = await writeTrust(db, fixture, await passwordHash);
  return {
    ...written,
    fixture,
    email(role, school = 'North') {
      if (role === 'trust_admin' || role === 'trust_leader') {
        return fixture.trustStaff.find((p) => p.roles.includes(role))!.email;
      }
      const s = fixture.schools.find((x) => x.name === school)!;
      return s.staff.find((p) => p.roles[0] === role)!.email;
    },
    school: (name) => written.schoolIds.get(name)!,
    person: (email) => written.personIds.get(email)!,
  };
}

export type WalkLookForSpec = {
  prompt: string;
  answerKind: 'prevalence' | 'seen' | 'count' | 'note';
  audience?: 'observer' | 'pupils';
};

export type WalkSpec = {
  trustId: string;
  schoolId: string;
  observerIds: string[];
  /** Teachers of the visits, in route order (one visit each). */
  teacherIds: string[];
  /** 'YYYY-MM-DD'; the default test clock's day. */
  date?: string;
  status?: 'draft' | 'published' | 'cancelled';
  kind?: 'learning' | 'student_voice' | 'health_and_safety';
  lookFors?: WalkLookForSpec[];
  /** Per visit: prior warning given (default true) and invited (default false). */
  visits?: { noticeGiven?: boolean; invited?: boolean }[];
};

export type TestWalk = {
  walkId: string;
  visitIds: string[];
  focusId: string;
  versionId: string;
  /** Look-for ids by prompt. */
  lookForIds: Map<string, string>;
};

const defaultLookFors: WalkLookForSpec[] = [
  { prompt: 'Pupils explain their reasoning to a partner', answerKind: 'prevalence' },
  { prompt: 'Pupils use the word wall', answerKind: 'seen' },
  { prompt: 'Questions asked by pupils', answerKind: 'count' },
  { prompt: 'What are you learning today, and why?', answerKind: 'note', audience: 'pupils' },
];

/**
 * A published framework version with the given look-fors and a school's focus on all of them,
 * written straight to the database inside the caller's transaction.
 */
export async function createFocusRows(
  tx: Tx,
  spec: { trustId: string; schoolId: string; lookFors?: WalkLookForSpec[] },
) {
  const lookFors = spec.lookFors ?? defaultLookFors;
  const tag = crypto.randomUUID().slice(0, 8);
  const framework = await tx
    .insertInto('frameworks')
    .values({
      trust_id: spec.trustId,
      name: `Walk framework ${tag}`,
      kind: 'learning',
      description: '',
    })
    .returning('framework_id')
    .executeTakeFirstOrThrow();
  const version = await tx
    .insertInto('framework_versions')
    .values({
      trust_id: spec.trustId,
      framework_id: framework.framework_id,
      version_no: 1,
      status: 'draft',
      name: `Walk framework ${tag}`,
      description: '',
    })
    .returning('version_id')
    .executeTakeFirstOrThrow();
  const lens = await tx
    .insertInto('framework_lenses')
    .values({
      trust_id: spec.trustId,
      version_id: version.version_id,
      key: 'learning',
      name: 'Learning',
      description: '',
      position: 0,
    })
    .returning('lens_id')
    .executeTakeFirstOrThrow();
  const lookForIds = new Map<string, string>();
  for (const [i, f] of lookFors.entries()) {
    const row = await tx
      .insertInto('framework_look_fors')
      .values({
        trust_id: spec.trustId,
        version_id: version.version_id,
        lens_id: lens.lens_id,
        key: `look-for-${i + 1}`,
        prompt: f.prompt,
        answer_kind: f.answerKind,
        audience: f.audience ?? 'observer',
        guidance: JSON.stringify({ looksLike: `What “${f.prompt}” looks like.` }),
        continues_look_for_id: null,
        position: i,
      })
      .returning('look_for_id')
      .executeTakeFirstOrThrow();
    lookForIds.set(f.prompt, row.look_for_id);
  }
  await tx
    .updateTable('framework_versions')
    .set({ status: 'published', published_at: new Date() })
    .where('version_id', '=', version.version_id)
    .execute();
  const focus = await tx
    .insertInto('foci')
    .values({
      trust_id: spec.trustId,
      school_id: spec.schoolId,
      version_id: version.version_id,
      title: 'Talk for learning',
      purpose: 'To see how pupils use talk to deepen their understanding.',
    })
    .returning('focus_id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('focus_look_fors')
    .values(
      [...lookForIds.values()].map((look_for_id) => ({
        trust_id: spec.trustId,
        focus_id: focus.focus_id,
        look_for_id,
      })),
    )
    .execute();
  return { focusId: focus.focus_id, versionId: version.version_id, lookForIds };
}

/**
 * A focus in a test trust's North (or South) school, on a published framework version: every
 * walk records against one (rule 2), so tests that plan walks over HTTP choose it.
 */
export function createTestFocus(
  db: Kysely<DB>,
  trust: TestTrust,
  school: 'North' | 'South' = 'North',
) {
  return withTenant(db, trust.trustId, (tx) =>
    createFocusRows(tx, { trustId: trust.trustId, schoolId: trust.school(school) }),
  );
}

/**
 * A published walk with a focus and planned visits, written straight to the database (the
 * walks feature plans them for real): a framework version with the given look-fors, a focus on
 * it, the walk with its observers, and one visit per teacher, 20 minutes apart from 09:00.
 */
export async function createWalkRows(db: Kysely<DB>, spec: WalkSpec): Promise<TestWalk> {
  const date = spec.date ?? '2026-11-23';
  return withTenant(db, spec.trustId, async (tx) => {
    const { focusId, versionId, lookForIds } = await createFocusRows(tx, spec);
    const focus = { focus_id: focusId };
    const version = { version_id: versionId };
    const status = spec.status ?? 'published';
    const walk = await tx
      .insertInto('walks')
      .values({
        trust_id: spec.trustId,
        school_id: spec.schoolId,
        off_programme_reason: 'Written by a test fixture.',
        kind: spec.kind ?? 'learning',
        walk_date: date,
        window_start: '09:00',
        window_end: '12:00',
        focus_id: focus.focus_id,
        focus_title: 'Talk for learning',
        purpose: 'To see how pupils use talk to deepen their understanding.',
        status,
        published_at: status === 'draft' ? null : new Date(),
        cancelled_at: status === 'cancelled' ? new Date() : null,
        updated_at: new Date(),
      })
      .returning('walk_id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('walk_observers')
      .values(
        spec.observerIds.map((person_id) => ({
          trust_id: spec.trustId,
          walk_id: walk.walk_id,
          person_id,
        })),
      )
      .execute();
    const visitIds: string[] = [];
    for (const [i, teacherId] of spec.teacherIds.entries()) {
      const v = spec.visits?.[i] ?? {};
      const start = new Date(`${date}T09:00:00Z`);
      start.setUTCMinutes(i * 20);
      const row = await tx
        .insertInto('visits')
        .values({
          trust_id: spec.trustId,
          school_id: spec.schoolId,
          walk_id: walk.walk_id,
          lesson_id: null,
          teacher_id: teacherId,
          room_id: null,
          room_name: `Room ${i + 1}`,
          building: 'Main',
          floor: i % 2,
          class_code: `8X/${i + 1}`,
          department: 'Science',
          year_group: 'Year 8',
          visit_date: date,
          planned_start: start,
          planned_end: new Date(start.getTime() + 10 * 60_000),
          route_order: i + 1,
          invited: v.invited ?? false,
          reasons: JSON.stringify([]),
          notice_sent_at: (v.noticeGiven ?? true) ? new Date(`${date}T00:00:00Z`) : null,
          needs_teacher_agreement: false,
        })
        .returning('visit_id')
        .executeTakeFirstOrThrow();
      visitIds.push(row.visit_id);
    }
    return {
      walkId: walk.walk_id,
      visitIds,
      focusId: focus.focus_id,
      versionId: version.version_id,
      lookForIds,
    };
  });
}

/** createWalkRows in a test trust's North (or South) school, observed by its observer. */
export function createTestWalk(
  db: Kysely<DB>,
  trust: TestTrust,
  spec: Partial<Omit<WalkSpec, 'trustId' | 'schoolId'>> & { school?: 'North' | 'South' } = {},
) {
  const school = spec.school ?? 'North';
  const person = (role: Role) => trust.person(trust.email(role, school));
  return createWalkRows(db, {
    trustId: trust.trustId,
    schoolId: trust.school(school),
    observerIds: spec.observerIds ?? [person('observer')],
    // Different teachers, so the one-visit-a-day rule holds.
    teacherIds: spec.teacherIds ?? [
      person('teacher'),
      person('school_leader'),
      person('site_manager'),
    ],
    ...spec,
  });
}

/**
 * A record of one visit, handed in, written straight to the database (capture writes them for
 * real): for tests of what happens after the walk. The body's answers use the walk's look-for
 * prompts; handedInAt defaults to the record's capture time.
 */
export async function insertHandedInRecord(
  db: Kysely<DB>,
  trustId: string,
  walk: TestWalk,
  spec: {
    visitIndex?: number;
    observerId: string;
    notes?: string;
    answers?: { prompt: string; value: string | number | boolean }[];
    studentVoice?: { prompt: string; text: string }[];
    handedInAt?: Date;
  },
): Promise<string> {
  const lookFor = (prompt: string) => {
    const id = walk.lookForIds.get(prompt);
    if (!id) throw new Error(`the walk has no look-for “${prompt}”`);
    return id;
  };
  const kinds = new Map(defaultLookFors.map((f) => [f.prompt, f.answerKind]));
  const body = canonicalBody({
    answers: (spec.answers ?? []).map((a) => ({
      lookForId: lookFor(a.prompt),
      kind: kinds.get(a.prompt) ?? (typeof a.value === 'boolean' ? 'seen' : 'prevalence'),
      value: a.value,
    })),
    notes: spec.notes ?? '',
    studentVoice: (spec.studentVoice ?? []).map((s) => ({
      promptId: lookFor(s.prompt),
      text: s.text,
    })),
  });
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const at = spec.handedInAt ?? new Date('2026-11-23T12:00:00Z');
  const recordId = crypto.randomUUID();
  await withTenant(db, trustId, async (tx) => {
    const walkRow = await tx
      .selectFrom('walks')
      .select(['school_id'])
      .where('walk_id', '=', walk.walkId)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('records')
      .values({
        trust_id: trustId,
        record_id: recordId,
        school_id: walkRow.school_id,
        walk_id: walk.walkId,
        visit_id: walk.visitIds[spec.visitIndex ?? 0]!,
        observer_id: spec.observerId,
        framework_version_id: walk.versionId,
        version_no: 1,
        body: JSON.stringify(body),
        body_hash: hash,
        captured_at: at,
        handed_in_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .insertInto('record_versions')
      .values({
        trust_id: trustId,
        record_id: recordId,
        version_no: 1,
        body: JSON.stringify(body),
        body_hash: hash,
        created_at: at,
        created_by: spec.observerId,
      })
      .execute();
  });
  return recordId;
}

/** `count` more teachers in a test trust's school (for figures that need ≥ k teachers). */
export async function addTestTeachers(
  db: Kysely<DB>,
  trust: TestTrust,
  school: 'North' | 'South',
  count: number,
): Promise<{ personId: string; fullName: string }[]> {
  const schoolId = trust.school(school);
  return withTenant(db, trust.trustId, async (tx) => {
    const out: { personId: string; fullName: string }[] = [];
    for (let i = 0; i < count; i++) {
      const tag = crypto.randomUUID().slice(0, 8);
      const fullName = `Extra Teacher ${tag}`;
      const person = await tx
        .insertInto('people')
        .values({
          trust_id: trust.trustId,
          full_name: fullName,
          title: 'Mx',
          email: `extra-${tag}@${school.toLowerCase()}.test`,
        })
        .returning('person_id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('memberships')
        .values({
          trust_id: trust.trustId,
          person_id: person.person_id,
          school_id: schoolId,
          role: 'teacher',
        })
        .execute();
      out.push({ personId: person.person_id, fullName });
    }
    return out;
  });
}

/**
 * Planned walks for a programme, for tests that publish many walks in it: `perWeek` learning
 * walks each week (08:00–16:00) from the week of `from` to the week of `to`. A walk in the
 * programme then carries out one of them, as rule 1 asks.
 */
export function plannedWeeks(from: string, to: string, perWeek = 4) {
  const walks: { weekOf: string; windowStart: string; windowEnd: string; focusTitle: string }[] =
    [];
  const monday = (d: string) => {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
    return x;
  };
  for (let w = monday(from); w <= monday(to); w.setUTCDate(w.getUTCDate() + 7)) {
    for (let i = 0; i < perWeek; i++) {
      walks.push({
        weekOf: w.toISOString().slice(0, 10),
        windowStart: '08:00',
        windowEnd: '16:00',
        focusTitle: 'Talk for learning',
      });
    }
  }
  return walks;
}

/**
 * Moves a programme's consultation (and its amendments') opening back by `days`, as if staff had
 * had that long to comment: for tests that need an agreed programme without moving the clock.
 */
export async function backdateConsultation(
  db: Kysely<DB>,
  trustId: string,
  programmeId: string,
  days = 14,
) {
  await withTenant(db, trustId, async (tx) => {
    const ms = days * 24 * 3600_000;
    const p = await tx
      .selectFrom('programmes')
      .select('consultation_opened_at')
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow();
    if (p.consultation_opened_at) {
      await tx
        .updateTable('programmes')
        .set({ consultation_opened_at: new Date(p.consultation_opened_at.getTime() - ms) })
        .where('programme_id', '=', programmeId)
        .execute();
    }
    const amendments = await tx
      .selectFrom('programme_amendments')
      .select(['amendment_id', 'opened_at'])
      .where('programme_id', '=', programmeId)
      .execute();
    for (const a of amendments) {
      await tx
        .updateTable('programme_amendments')
        .set({ opened_at: new Date(a.opened_at.getTime() - ms) })
        .where('amendment_id', '=', a.amendment_id)
        .execute();
    }
  });
}

/**
 * Peer walks (issue 15): a school chooses which teachers may observe. Adds these people of a
 * test trust's school to its peer observers, for tests that name a teacher or a site manager.
 */
export async function addPeerObservers(
  db: Kysely<DB>,
  trust: TestTrust,
  school: 'North' | 'South',
  personIds: readonly string[],
) {
  await withTenant(db, trust.trustId, (tx) =>
    tx
      .insertInto('peer_observers')
      .values(
        personIds.map((person_id) => ({
          trust_id: trust.trustId,
          school_id: trust.school(school),
          person_id,
          added_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}
