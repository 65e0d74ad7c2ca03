import type { Phase, Role } from '../db/schema.ts';

/**
 * The demo trust as plain data: three schools of different phases, about thirty
 * staff each, rooms across buildings and floors, and a realistic timetable
 * (a one-week cycle in the primary, week A/week B in the others). Deterministic.
 */
export type DemoStaff = { fullName: string; title: string; email: string; roles: Role[] };
/** A member of staff's place in one school: MIS code, departments and coach (by email). */
export type DemoProfile = {
  email: string;
  staffCode: string;
  departments: string[];
  coachEmail: string | null;
};
export type DemoTerm = { name: string; startsOn: string; endsOn: string };
export type DemoClosure = {
  kind: 'inset' | 'exams' | 'holiday' | 'closure';
  label: string;
  startsOn: string;
  endsOn: string;
};
export type DemoLesson = {
  classCode: string;
  department: string;
  yearGroup: string;
  teacherEmail: string;
  room: string;
  cycleWeek: number;
  weekday: number;
  period: number;
};
export type DemoSchool = {
  name: string;
  phase: Phase;
  urn: string;
  cycleWeeks: 1 | 2;
  departments: string[];
  yearGroups: string[];
  rooms: { name: string; building: string; floor: number }[];
  periods: { name: string; startsAt: string; endsAt: string }[];
  staff: DemoStaff[];
  profiles: DemoProfile[];
  terms: DemoTerm[];
  closures: DemoClosure[];
  lessons: DemoLesson[];
};
export type DemoTrust = {
  name: string;
  slug: string;
  trustStaff: DemoStaff[];
  schools: DemoSchool[];
};

export const DEMO_PASSWORD = 'walks-demo-2026';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Femi',
  'Grace',
  'Hamza',
  'Isla',
  'Jack',
  'Kiran',
  'Leah',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Poppy',
  'Qasim',
  'Rosa',
  'Sam',
  'Tara',
  'Umar',
  'Violet',
  'Will',
  'Yasmin',
  'Zach',
  'Aisha',
  'Callum',
  'Dina',
  'Ethan',
  'Fatima',
  'Gareth',
  'Hannah',
  'Imran',
  'Jess',
  'Kofi',
  'Lucy',
  'Marek',
  'Nadia',
  'Owen',
  'Priti',
  'Rhys',
  'Sofia',
  'Tom',
  'Uma',
  'Vikram',
  'Wendy',
];
const feminineNames = new Set([
  'Amara',
  'Chloe',
  'Ella',
  'Grace',
  'Isla',
  'Leah',
  'Niamh',
  'Poppy',
  'Rosa',
  'Tara',
  'Violet',
  'Yasmin',
  'Aisha',
  'Dina',
  'Fatima',
  'Hannah',
  'Jess',
  'Lucy',
  'Nadia',
  'Priti',
  'Sofia',
  'Uma',
  'Wendy',
]);
const masculineNames = new Set([
  'Ben',
  'Dev',
  'Hamza',
  'Jack',
  'Mohammed',
  'Oliver',
  'Qasim',
  'Umar',
  'Will',
  'Zach',
  'Callum',
  'Ethan',
  'Gareth',
  'Imran',
  'Kofi',
  'Marek',
  'Owen',
  'Rhys',
  'Tom',
  'Vikram',
]);

/**
 * The title a demo person goes by, from their first name: 'Ms' or 'Mr', and 'Mx' for a name
 * used by anyone (Femi, Kiran, Sam). Exported for the test that every demo title fits.
 */
export function usualTitle(firstName: string): 'Ms' | 'Mr' | 'Mx' {
  if (feminineNames.has(firstName)) return 'Ms';
  if (masculineNames.has(firstName)) return 'Mr';
  return 'Mx';
}

const lastNames = [
  'Adams',
  'Begum',
  'Campbell',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  "O'Brien",
  'Patel',
  'Quinn',
  'Roberts',
  'Singh',
  'Taylor',
  'Usman',
  'Vaughan',
  'Walker',
  'Xu',
  'Young',
  'Zielinski',
  'Ahmed',
  'Brown',
  'Clarke',
  'Dhillon',
  'Edwards',
  'Forde',
  'Gill',
  'Hall',
  'Ibrahim',
  'Jackson',
  'Kaur',
  'Lee',
  'Mensah',
  'Nash',
];

function staffFactory(domain: string, seed: number) {
  const random = prng(seed);
  const used = new Set<string>();
  return (roles: Role[]): DemoStaff => {
    for (;;) {
      const first = firstNames[Math.floor(random() * firstNames.length)]!;
      const last = lastNames[Math.floor(random() * lastNames.length)]!;
      const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
      if (used.has(local)) continue;
      used.add(local);
      // A title that matches the person (issue 21): their usual one, or now and then 'Dr'.
      // The same draws as before, so the demo's people keep their names.
      const title = random() < 0.5 ? usualTitle(first) : random() < 0.5 ? usualTitle(first) : 'Dr';
      return { fullName: `${first} ${last}`, title, email: `${local}@${domain}`, roles };
    }
  };
}

function leadershipTeam(make: (roles: Role[]) => DemoStaff) {
  return [
    make(['school_leader']), // headteacher
    make(['school_leader', 'observer', 'teacher']), // deputy head
    make(['observer', 'teacher']), // curriculum lead
    make(['observer', 'teacher']), // subject network lead
    make(['site_manager']), // school business manager
    make(['site_manager']), // site manager
  ];
}

function primary(): DemoSchool {
  const make = staffFactory('oakfield.example.org', 11);
  const yearGroups = ['Reception', 'Year 1', 'Year 2', 'Year 3', 'Year 4', 'Year 5', 'Year 6'];
  const forms = ['Ash', 'Birch'];
  const departments = [
    'English',
    'Mathematics',
    'Science',
    'History',
    'Geography',
    'Art and design',
    'Music',
    'Physical education',
    'Computing',
    'Religious education',
  ];
  const periods = [
    { name: 'Session 1', startsAt: '09:00', endsAt: '10:00' },
    { name: 'Session 2', startsAt: '10:15', endsAt: '11:15' },
    { name: 'Session 3', startsAt: '11:15', endsAt: '12:10' },
    { name: 'Session 4', startsAt: '13:10', endsAt: '14:10' },
    { name: 'Session 5', startsAt: '14:10', endsAt: '15:15' },
  ];
  const staff = leadershipTeam(make);
  const rooms: DemoSchool['rooms'] = [];
  const lessons: DemoLesson[] = [];
  const classTeachers: DemoStaff[] = [];
  yearGroups.forEach((year, y) => {
    for (const form of forms) {
      const teacher = make(['teacher']);
      classTeachers.push(teacher);
      const room = `${year === 'Reception' ? 'R' : year.replace('Year ', 'Y')} ${form}`;
      rooms.push({
        name: room,
        building: y < 3 ? 'Infant block' : 'Junior block',
        floor: y < 5 ? 0 : 1,
      });
      const classCode = `${year === 'Reception' ? 'R' : y}${form[0]}`;
      // Mornings: English and maths; afternoons rotate the wider curriculum.
      for (let day = 1; day <= 5; day++) {
        for (let p = 1; p <= 5; p++) {
          if (p === 5 && day === ((y + forms.indexOf(form)) % 5) + 1) continue; // PPA time
          const department =
            p === 1
              ? 'English'
              : p === 2
                ? 'Mathematics'
                : departments[2 + ((day * 3 + p + y) % 8)]!;
          lessons.push({
            classCode,
            department,
            yearGroup: year,
            teacherEmail: teacher.email,
            room,
            cycleWeek: 1,
            weekday: day,
            period: p,
          });
        }
      }
    }
  });
  staff.push(...classTeachers);
  while (staff.length < 30) staff.push(make(['teacher'])); // teaching assistants' leads, PPA cover, SENCo
  rooms.push(
    { name: 'Hall', building: 'Main building', floor: 0 },
    { name: 'Library', building: 'Main building', floor: 0 },
  );
  return {
    name: 'Oakfield Primary School',
    phase: 'primary',
    urn: '140001',
    cycleWeeks: 1,
    departments,
    yearGroups,
    rooms,
    periods,
    staff,
    profiles: profilesFor(staff, () => []),
    terms: academicYear,
    closures: [
      ...sharedClosures,
      { kind: 'inset', label: 'INSET day', startsOn: '2027-02-22', endsOn: '2027-02-22' },
    ],
    lessons,
  };
}

function secondaryLike(options: {
  name: string;
  phase: Phase;
  urn: string;
  domain: string;
  seed: number;
  yearGroups: string[];
  buildings: string[];
}): DemoSchool {
  const make = staffFactory(options.domain, options.seed);
  const random = prng(options.seed * 7);
  const departments = [
    'English',
    'Mathematics',
    'Science',
    'History',
    'Geography',
    'Modern foreign languages',
    'Computing',
    'Art and design',
    'Physical education',
    'Religious education',
  ];
  const periods = [
    { name: 'Period 1', startsAt: '08:50', endsAt: '09:50' },
    { name: 'Period 2', startsAt: '09:50', endsAt: '10:50' },
    { name: 'Period 3', startsAt: '11:10', endsAt: '12:10' },
    { name: 'Period 4', startsAt: '12:10', endsAt: '13:10' },
    { name: 'Period 5', startsAt: '13:50', endsAt: '14:50' },
    { name: 'Period 6', startsAt: '14:50', endsAt: '15:40' },
  ];
  const staff = leadershipTeam(make);
  const teachers: { person: DemoStaff; department: string; room: string }[] = [];
  const rooms: DemoSchool['rooms'] = [];
  // Deputy and the two middle leaders teach too.
  const teachingLeaders = staff.filter((s) => s.roles.includes('teacher'));
  let roomNumber = 0;
  const nextRoom = (department: string) => {
    const building = options.buildings[roomNumber % options.buildings.length]!;
    const floor = Math.floor(roomNumber / options.buildings.length) % 3;
    roomNumber++;
    const name = `${department.slice(0, 2).toUpperCase()}${floor}${String(roomNumber).padStart(2, '0')}`;
    rooms.push({ name, building, floor });
    return name;
  };
  teachingLeaders.forEach((person, i) => {
    const department = departments[i % departments.length]!;
    teachers.push({ person, department, room: nextRoom(department) });
  });
  for (let i = 0; staff.length + teachers.length - teachingLeaders.length < 30; i++) {
    const department = departments[(i * 3) % departments.length]!;
    teachers.push({ person: make(['teacher']), department, room: nextRoom(department) });
  }
  staff.push(...teachers.filter((t) => !teachingLeaders.includes(t.person)).map((t) => t.person));

  const lessons: DemoLesson[] = [];
  // A class is in one place at a time: never give two teachers the same class in one slot.
  const classSlots = new Set<string>();
  for (const t of teachers) {
    const load = t.person.roles.includes('school_leader')
      ? 0.4
      : t.person.roles.includes('observer')
        ? 0.7
        : 0.85;
    for (let week = 1; week <= 2; week++) {
      for (let day = 1; day <= 5; day++) {
        for (let p = 1; p <= periods.length; p++) {
          if (random() > load) continue;
          const y = Math.floor(random() * options.yearGroups.length);
          const year = options.yearGroups[y]!;
          const set = 1 + Math.floor(random() * 4);
          const yearNumber = year.replace('Year ', '');
          const classCode = `${yearNumber}${'XYZW'[set - 1]}/${t.department.slice(0, 2)}${set}`;
          const slot = `${classCode} ${week} ${day} ${p}`;
          if (classSlots.has(slot)) continue;
          classSlots.add(slot);
          lessons.push({
            classCode,
            department: t.department,
            yearGroup: year,
            teacherEmail: t.person.email,
            room: t.room,
            cycleWeek: week,
            weekday: day,
            period: p,
          });
        }
      }
    }
  }
  rooms.push({ name: 'Sports hall', building: options.buildings[0]!, floor: 0 });
  return {
    name: options.name,
    phase: options.phase,
    urn: options.urn,
    cycleWeeks: 2,
    departments,
    yearGroups: options.yearGroups,
    rooms,
    periods,
    staff,
    profiles: profilesFor(staff, (person) =>
      teachers.filter((t) => t.person === person).map((t) => t.department),
    ),
    terms: academicYear,
    closures: [
      ...sharedClosures,
      { kind: 'exams', label: 'Mock exams', startsOn: '2026-12-07', endsOn: '2026-12-11' },
      {
        kind: 'exams',
        label: 'GCSE and A level exams',
        startsOn: '2027-05-10',
        endsOn: '2027-06-18',
      },
    ],
    lessons,
  };
}

const academicYear: DemoTerm[] = [
  { name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
];

const sharedClosures: DemoClosure[] = [
  { kind: 'inset', label: 'INSET day', startsOn: '2026-09-02', endsOn: '2026-09-02' },
  { kind: 'holiday', label: 'Autumn half term', startsOn: '2026-10-26', endsOn: '2026-10-30' },
  { kind: 'inset', label: 'INSET day', startsOn: '2027-01-05', endsOn: '2027-01-05' },
  { kind: 'holiday', label: 'Spring half term', startsOn: '2027-02-15', endsOn: '2027-02-19' },
  { kind: 'holiday', label: 'May Day bank holiday', startsOn: '2027-05-03', endsOn: '2027-05-03' },
  { kind: 'holiday', label: 'Summer half term', startsOn: '2027-05-31', endsOn: '2027-06-04' },
];

/**
 * MIS staff codes from initials ("Amara Begum" → "ABE", then "ABE2"…), departments as
 * taught, and a coach for every fifth teacher (one of the school's observers).
 */
function profilesFor(
  staff: DemoStaff[],
  departmentsOf: (person: DemoStaff) => string[],
): DemoProfile[] {
  const used = new Set<string>();
  const coaches = staff.filter((s) => s.roles.includes('observer'));
  return staff.map((person, i) => {
    const [first = '', last = ''] = person.fullName.split(' ');
    const stem = `${first[0]}${last.replace(/[^A-Za-z]/g, '').slice(0, 2)}`.toUpperCase();
    let code = stem;
    for (let n = 2; used.has(code); n++) code = `${stem}${n}`;
    used.add(code);
    const coach = coaches[i % Math.max(coaches.length, 1)];
    const coached =
      i % 5 === 4 && person.roles.includes('teacher') && coach !== undefined && coach !== person;
    return {
      email: person.email,
      staffCode: code,
      departments: departmentsOf(person),
      coachEmail: coached ? coach.email : null,
    };
  });
}

export function demoTrust(): DemoTrust {
  const make = staffFactory('riverbend-trust.example.org', 3);
  return {
    name: 'Riverbend Learning Trust',
    slug: 'riverbend',
    trustStaff: [make(['trust_admin']), make(['trust_leader']), make(['trust_leader'])],
    schools: [
      primary(),
      secondaryLike({
        name: 'Riverside Academy',
        phase: 'secondary',
        urn: '140002',
        domain: 'riverside.example.org',
        seed: 23,
        yearGroups: ['Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11', 'Year 12', 'Year 13'],
        buildings: ['Main building', 'Science block', 'Humanities wing'],
      }),
      secondaryLike({
        name: 'Hillcrest All-Through School',
        phase: 'all_through',
        urn: '140003',
        domain: 'hillcrest.example.org',
        seed: 37,
        yearGroups: [
          'Reception',
          'Year 1',
          'Year 2',
          'Year 3',
          'Year 4',
          'Year 5',
          'Year 6',
          'Year 7',
          'Year 8',
          'Year 9',
          'Year 10',
          'Year 11',
        ],
        buildings: ['Lower school', 'Upper school'],
      }),
    ],
  };
}
