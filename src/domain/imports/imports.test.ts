import { describe, expect, it } from 'vitest';
import { checkImport, checkImportSteps } from './check.ts';
import { normaliseHeading, resolveMapping } from './fields.ts';
import { pupilDataProblems } from './pupil-data.ts';
import { planRooms, readRooms } from './rooms.ts';
import { type ExistingStaff, planStaff, readStaff, type StaffContext } from './staff.ts';
import { ROWS_PER_STEP } from './steps.ts';
import { planTimetable, readTimetable, type TimetableContext } from './timetable.ts';
import type { Sheet } from './types.ts';
import { readDay, readFloor, readPeriod, readRoles, readWeek } from './values.ts';

const sheet = (headings: string[], ...rows: string[][]): Sheet => ({
  headingRow: 1,
  headings,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
});

describe('reading values people type', () => {
  it('reads days as names, abbreviations and numbers', () => {
    expect(['Mon', 'monday', 'MO', '1', 'Fri.', 'thurs', '5'].map(readDay)).toEqual([
      1, 1, 1, 1, 5, 4, 5,
    ]);
    expect(readDay('Sat')).toBe(6);
    expect(readDay('M')).toBeNull(); // too short to tell Monday from anything else
    expect(readDay('Funday')).toBeNull();
  });

  it('reads weeks as A/B, 1/2 and "Week A"', () => {
    expect(['A', 'b', '1', '2', 'Week A', 'wk2', 'Week B'].map(readWeek)).toEqual([
      1, 2, 1, 2, 1, 2, 2,
    ]);
    expect(readWeek('C')).toBe(0); // a week, but beyond any cycle we have
    expect(readWeek('fortnight')).toBeNull();
  });

  it('reads a period as its number, its name or its start time', () => {
    const periods = [
      { id: 'p1', ordinal: 1, name: 'Period 1', startsAt: '08:50' },
      { id: 'p2', ordinal: 2, name: 'Registration', startsAt: '09:50' },
    ];
    expect(
      ['1', 'P1', 'period 1', 'Lesson 1', '8:50', '08.50'].map((v) => readPeriod(v, periods)?.id),
    ).toEqual(['p1', 'p1', 'p1', 'p1', 'p1', 'p1']);
    expect(readPeriod('registration', periods)?.id).toBe('p2');
    expect(readPeriod('7', periods)).toBeNull();
    expect(readPeriod('13:00', periods)).toBeNull();
  });

  it('reads floors and roles', () => {
    expect(['', 'G', 'Ground floor', '1st', 'Level 2', '-1', 'Basement'].map(readFloor)).toEqual([
      0, 0, 0, 1, 2, -1, -1,
    ]);
    expect(readFloor('roof')).toBeNull();
    expect(readRoles('Teacher; Observer, SLT')).toEqual({
      roles: ['teacher', 'observer', 'school_leader'],
      unknown: [],
      trustWide: [],
    });
    expect(readRoles('Teacher; Caretaker; Trust admin')).toMatchObject({
      unknown: ['Caretaker'],
      trustWide: ['Trust admin'],
    });
  });
});

describe('column mapping', () => {
  it('matches headings by synonym whatever their case and punctuation', () => {
    expect(normaliseHeading('  STAFF_code ')).toBe('staff code');
    const resolved = resolveMapping(
      'timetable',
      sheet([
        'Teaching Group',
        'Dept',
        'NC_Year',
        'Staff Initials',
        'Room Code',
        'Wk',
        'Weekday',
        'Lesson',
      ]),
    );
    expect(resolved.mapping).toEqual({
      classCode: 'Teaching Group',
      subject: null,
      yearGroup: 'NC_Year',
      teacher: 'Staff Initials',
      room: 'Room Code',
      week: 'Wk',
      day: 'Weekday',
      period: 'Lesson',
    });
    expect(resolved.ignored).toEqual(['Dept']);
    expect(resolved.problems.map((p) => [p.column, p.code])).toEqual([
      ['Subject', 'missing_column'],
    ]);
  });

  it('lets a person choose columns, and names a wrong or doubled choice', () => {
    const s = sheet(['Klasse', 'Fach', 'Jahrgang', 'Lehrer', 'Raum', 'Tag', 'Stunde']);
    const chosen = resolveMapping('timetable', s, {
      classCode: 'Klasse',
      subject: 'Fach',
      yearGroup: 'Jahrgang',
      teacher: 'Lehrer',
      room: 'Raum',
      day: 'Tag',
      period: 'Stunde',
    });
    expect(chosen.problems).toEqual([]);
    const wrong = resolveMapping('timetable', s, {
      classCode: 'Class',
      subject: 'Klasse',
      yearGroup: 'Klasse',
    });
    expect(wrong.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['unknown_heading', 'column_used_twice']),
    );
  });

  it('lets a person leave an optional column out', () => {
    const s = sheet(['Room', 'Building', 'Floor']);
    expect(resolveMapping('rooms', s, { floor: null }).mapping).toEqual({
      name: 'Room',
      building: 'Building',
      floor: null,
      // The kind of area (issue 14) is optional, and absent here.
      kind: null,
    });
  });

  it('needs a staff name: a full name, or first name and surname', () => {
    expect(
      resolveMapping('staff', sheet(['Email', 'Forename'])).problems.map((p) => p.column),
    ).toEqual(['Full name']);
    expect(resolveMapping('staff', sheet(['Email', 'Forename', 'Surname'])).problems).toEqual([]);
  });
});

describe('pupil data is refused', () => {
  it.each([
    ['UPN', 'pupil numbers (UPN or ULN)'],
    ['Unique Learner Number', 'pupil numbers (UPN or ULN)'],
    ['DOB', 'dates of birth'],
    ['Date of Birth', 'dates of birth'],
    ['Student Name', 'pupil names or identifiers'],
    ['Pupils', 'pupil names'],
    ['Gender', 'gender'],
    ['SEN Status', 'special educational needs'],
    ['FSM', 'free school meals or pupil premium'],
    ['Admission No', 'admission numbers'],
    ['Ethnicity', 'ethnicity'],
  ])('refuses a “%s” column (%s)', (heading, what) => {
    const problems = pupilDataProblems('timetable', sheet(['Class', heading], ['7A', 'x']));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: heading, code: 'pupil_data' });
    expect(problems[0]!.message).toContain(`(${what})`);
  });

  it('allows staff names in a staff file but not in a timetable', () => {
    const names = sheet(['Email', 'Forename', 'Surname'], ['a@b.org', 'Ann', 'Bell']);
    expect(pupilDataProblems('staff', names)).toEqual([]);
    expect(pupilDataProblems('timetable', names).map((p) => p.column)).toEqual([
      'Forename',
      'Surname',
    ]);
  });

  it('refuses a UPN-shaped value in any column, and leaves ordinary headings alone', () => {
    const s = sheet(
      ['Class', 'Notes', 'Senior leader'],
      ['7A', 'A123456789012', ''],
      ['7B', 'ok', ''],
    );
    expect(pupilDataProblems('timetable', s)).toEqual([
      expect.objectContaining({ row: 2, column: 'Notes', code: 'pupil_data' }),
    ]);
  });

  it('refuses the whole file: no row is read or previewed', () => {
    const s = sheet(['Room', 'Pupil surname'], ['S1', 'Bell']);
    const result = checkImport(s, undefined, { kind: 'rooms', rooms: [] });
    expect(result.refused).toBe(true);
    expect(result.preview.rows).toEqual([]);
    expect(result.plan).toBeNull();
  });
});

const staffMember = (over: Partial<ExistingStaff>): ExistingStaff => ({
  personId: 'p-x',
  email: 'x@school.org',
  fullName: 'X',
  title: null,
  staffCode: null,
  roles: ['teacher'],
  departments: [],
  lessons: 0,
  ...over,
});

const ctx = (staff: ExistingStaff[], extra: Partial<StaffContext> = {}): StaffContext => ({
  staff,
  trustPeople: [],
  departments: ['Science'],
  actorPersonId: 'p-me',
  actorIsSchoolLeader: true,
  ...extra,
});

describe('staff', () => {
  const columns = { email: 0, fullName: 1, staffCode: 2, roles: 3 };

  it('reports bad emails, codes, roles and duplicates by row', () => {
    const s = sheet(
      ['Email', 'Name', 'Code', 'Roles'],
      ['ann@school.org', 'Ann Bell', 'ABE', 'Teacher'],
      ['not-an-email', 'Bob', 'BOB', ''],
      ['cat@school.org', 'Cat', 'TOO-LONG-CODE-X', ''],
      ['dan@school.org', 'Dan', 'DAN', 'Janitor'],
      ['ann@school.org', 'Ann Bell', 'ABE', 'Teacher'],
      ['eve@school.org', 'Eve', 'abe', ''],
    );
    const { rows, problems } = readStaff(s, columns);
    expect(rows.map((r) => r.email)).toEqual(['ann@school.org']);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'Email', 'invalid_email'],
      [4, 'Code', 'invalid_staff_code'],
      [5, 'Roles', 'unknown_role'],
      [6, 'Email', 'duplicate_row'],
      [7, 'Code', 'duplicate_staff_code'],
    ]);
  });

  it('matches a changed email on the staff code, and never removes the importer', () => {
    const s = sheet(
      ['Email', 'Name', 'Code', 'Roles'],
      ['ann.bell@new.org', 'Ann Bell', 'ABE', ''],
    );
    const { rows } = readStaff(s, columns);
    const plan = planStaff(
      rows,
      ctx([
        staffMember({
          personId: 'p-ann',
          email: 'ann@old.org',
          fullName: 'Ann Bell',
          staffCode: 'ABE',
        }),
        staffMember({ personId: 'p-me', email: 'me@school.org', roles: ['school_leader'] }),
        staffMember({ personId: 'p-busy', email: 'busy@school.org', lessons: 3 }),
        staffMember({ personId: 'p-gone', email: 'gone@school.org' }),
      ]),
    );
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({
      personId: 'p-ann',
      kind: 'update',
      changes: ['email ann@old.org → ann.bell@new.org'],
    });
    expect(plan.remove.map((s) => s.personId)).toEqual(['p-gone']);
    expect(plan.kept.map((k) => k.staff.personId)).toEqual(['p-me', 'p-busy']);
  });

  it('will not let school leaders import away their own leadership', () => {
    const s = sheet(['Email', 'Name', 'Code', 'Roles'], ['me@school.org', 'Me', '', 'Teacher']);
    const plan = planStaff(
      readStaff(s, columns).rows,
      ctx([
        staffMember({
          personId: 'p-me',
          email: 'me@school.org',
          fullName: 'Me',
          roles: ['school_leader'],
        }),
      ]),
    );
    expect(plan.problems.map((p) => [p.row, p.code])).toEqual([[2, 'own_role']]);
  });

  it('adds someone the trust already knows as joining, keeping their other details', () => {
    const s = sheet(['Email', 'Name'], ['sam@trust.org', 'Sam Lee']);
    const plan = planStaff(
      readStaff(s, { email: 0, fullName: 1 }).rows,
      ctx([], {
        trustPeople: [
          { personId: 'p-sam', email: 'sam@trust.org', fullName: 'Sam Lee', title: 'Mr' },
        ],
      }),
    );
    expect(plan.changes[0]).toMatchObject({
      kind: 'join',
      personId: 'p-sam',
      title: 'Mr',
      roles: ['teacher'],
    });
  });
});

describe('staff imports and roles the importer cannot manage', () => {
  it('refuses to add someone who outranks the importer, naming their role', () => {
    const s = sheet(['Email', 'Name'], ['boss@trust.org', 'The Boss']);
    const plan = planStaff(
      readStaff(s, { email: 0, fullName: 1 }).rows,
      ctx([], {
        trustPeople: [
          {
            personId: 'p-boss',
            email: 'boss@trust.org',
            fullName: 'The Boss',
            title: null,
            outranksImporter: 'Trust administrator',
          },
        ],
      }),
    );
    expect(plan.problems.map((p) => [p.row, p.code])).toEqual([[2, 'person_outranks_you']]);
    expect(plan.problems[0]?.message).toContain('trust administrator');
  });

  it('refuses to change the email or name of someone who also works where the importer cannot manage', () => {
    const existing = staffMember({
      personId: 'p-kim',
      email: 'kim@school.org',
      fullName: 'Kim Lo',
      staffCode: 'KLO',
      identityLocked: true,
    });
    const withCode = sheet(['Email', 'Name', 'Code'], ['new.address@school.org', 'Kim Lo', 'KLO']);
    const moved = planStaff(
      readStaff(withCode, { email: 0, fullName: 1, staffCode: 2 }).rows,
      ctx([existing]),
    );
    expect(moved.problems.map((p) => p.code)).toEqual(['identity_elsewhere']);
    // The same change for someone who works only here is fine (positive control).
    const free = planStaff(
      readStaff(withCode, { email: 0, fullName: 1, staffCode: 2 }).rows,
      ctx([{ ...existing, identityLocked: false }]),
    );
    expect(free.problems).toEqual([]);
    expect(free.changes[0]?.changes[0]).toContain('new.address@school.org');
  });
});

describe('rooms', () => {
  it('matches names whatever their case and reports changes in words', () => {
    const s = sheet(['Room', 'Building', 'Floor'], ['sc101', 'Science', '1'], ['New 1', '', 'G']);
    const read = readRooms(s, { name: 0, building: 1, floor: 2 });
    const plan = planRooms(read.rows, [
      { roomId: 'r1', name: 'SC101', building: 'Science', floor: 0, lessons: 0 },
    ]);
    expect(plan.updates[0]!.changes).toEqual(['name SC101 → sc101', 'ground floor → first floor']);
    expect(plan.adds[0]!.name).toBe('New 1');
  });
});

describe('timetable', () => {
  const ctx: TimetableContext = {
    cycleWeeks: 1,
    periods: [
      { id: 'p1', ordinal: 1, name: 'P1', startsAt: '09:00' },
      { id: 'p2', ordinal: 2, name: 'P2', startsAt: '10:00' },
    ],
    staff: [
      { personId: 't1', email: 'ann@s.org', staffCode: 'ABE', fullName: 'Ann Bell' },
      { personId: 't2', email: 'bob@s.org', staffCode: 'BCO', fullName: 'Bob Cole' },
      { personId: 't3', email: 'bob.c@s.org', staffCode: null, fullName: 'Bob Cole' },
    ],
    rooms: [
      { roomId: 'r1', name: 'S1' },
      { roomId: 'r2', name: 'S2' },
    ],
    departments: ['Science'],
    yearGroups: ['Year 7'],
  };
  const columns = {
    classCode: 0,
    subject: 1,
    yearGroup: 2,
    teacher: 3,
    room: 4,
    week: 5,
    day: 6,
    period: 7,
  };

  it('reads co-teachers after ";" or "/", teachers by code or email, and names ambiguous names', () => {
    const s = sheet(
      ['Class', 'Subject', 'Year', 'Teacher', 'Room', 'Week', 'Day', 'Period'],
      ['7A/Sc1', 'science', '7', 'ABE / bob@s.org', 's1', '', 'Mon', '1'],
      ['7B/Sc1', 'Science', 'Y7', 'Bob Cole', 'S2', '', 'Mon', '1'],
      ['7C/Sc1', 'Science', '7', 'ABE', 'S2', 'B', 'Tue', '1'],
    );
    const { rows, problems } = readTimetable(s, columns, ctx);
    expect(rows[0]).toMatchObject({
      teacherIds: ['t1', 't2'],
      roomId: 'r1',
      week: 1,
      day: 1,
      periodId: 'p1',
    });
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'ambiguous_teacher'],
      [4, 'week_outside_cycle'],
    ]);
    // Co-teachers count for clashes too: BCO cannot also lead a class at that time.
    const clash = readTimetable(
      sheet(
        ['Class', 'Subject', 'Year', 'Teacher', 'Room', 'Week', 'Day', 'Period'],
        ['7A/Sc1', 'Science', '7', 'ABE;BCO', 'S1', '', 'Mon', '1'],
        ['8A/Sc1', 'Science', '8', 'BCO', 'S2', '', 'Mon', '1'],
      ),
      columns,
      ctx,
    );
    expect(clash.problems.map((p) => p.code)).toEqual(['teacher_clash']);
  });

  it('plans adds, updates and removals on (class, week, day, period), with new subjects and year groups', () => {
    const s = sheet(
      ['Class', 'Subject', 'Year', 'Teacher', 'Room', 'Week', 'Day', 'Period'],
      ['7A/Sc1', 'SCIENCE', 'Year 7', 'ABE', 'S2', '', 'Mon', '1'],
      ['9A/Dr1', 'Drama', 'Year 9', 'BCO', 'S1', '', 'Mon', '2'],
    );
    const { rows } = readTimetable(s, columns, ctx);
    const plan = planTimetable(
      rows,
      [
        {
          lessonId: 'l1',
          classCode: '7A/Sc1',
          subject: 'Science',
          yearGroup: 'Year 7',
          teacherId: 't1',
          coTeacherIds: [],
          roomId: 'r1',
          week: 1,
          day: 1,
          periodId: 'p1',
        },
        {
          lessonId: 'l2',
          classCode: '7A/Sc1',
          subject: 'Science',
          yearGroup: 'Year 7',
          teacherId: 't1',
          coTeacherIds: [],
          roomId: 'r1',
          week: 1,
          day: 2,
          periodId: 'p1',
        },
      ],
      ctx,
    );
    expect(plan.updates.map((u) => [u.lessonId, u.changes])).toEqual([['l1', ['room S1 → S2']]]);
    expect(plan.adds.map((a) => a.row.classCode)).toEqual(['9A/Dr1']);
    expect(plan.remove.map((l) => l.lessonId)).toEqual(['l2']);
    expect(plan.newDepartments).toEqual(['Drama']);
    expect(plan.newYearGroups).toEqual(['Year 9']);
  });

  it('checks a large file in short steps that pause every few hundred rows, with the same answer as in one go', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [
      `C${i}`,
      'Science',
      'Year 7',
      i % 2 ? 'ABE' : 'BCO',
      i % 2 ? 'S1' : 'S2',
      i % 2 ? 'A' : 'B',
      String((i % 5) + 1),
      '1',
    ]);
    const s = sheet(
      ['Class', 'Subject', 'Year', 'Teacher', 'Room', 'Week', 'Day', 'Period'],
      ...rows,
    );
    const context = { kind: 'timetable' as const, timetable: ctx, lessons: [] };
    const steps = checkImportSteps(s, undefined, context);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    // The pupil-data scan and the reading of rows each pause every ROWS_PER_STEP rows.
    expect(pauses).toBeGreaterThanOrEqual(2 * Math.floor(1000 / ROWS_PER_STEP));
    expect(next.value).toEqual(checkImport(s, undefined, context));
    expect(next.value.problems.length).toBeGreaterThan(0); // week B in a one-week cycle, clashes
  });
});
