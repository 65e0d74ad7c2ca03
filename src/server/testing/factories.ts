import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { DB, Role } from '../db/schema.ts';
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
