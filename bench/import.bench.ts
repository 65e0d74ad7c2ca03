import { hashPassword } from '../src/server/auth/passwords.ts';
import type { DemoSchool, DemoTrust } from '../src/server/demo/demo-trust.ts';
import { writeTrust } from '../src/server/demo/write-trust.ts';
import { decodeFile } from '../src/server/imports/decode.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { compare } from './measure.ts';

/**
 * A whole secondary timetable: 30,000 lessons (500 teachers in 500 rooms, six periods a
 * day over a two-week cycle), imported as CSV through the API — preview, then apply with
 * removals confirmed. Each round imports the other of two files whose class codes all
 * differ, so every round removes 30,000 lessons and adds 30,000. The baseline is only
 * decoding the same CSV (csv-parse), measured in the same run.
 */
const TEACHERS = 500;
const PASSWORD = 'bench password 2026';

export function bigSchool(): DemoTrust {
  const domain = 'bench-school.test';
  const staff = Array.from({ length: TEACHERS }, (_, i) => ({
    fullName: `Teacher ${i}`,
    title: 'Mx',
    email: `t${i}@${domain}`,
    roles: ['teacher' as const],
  }));
  const leader = {
    fullName: 'Head',
    title: 'Dr',
    email: `head@${domain}`,
    roles: ['school_leader' as const],
  };
  const departments = [
    'English',
    'Mathematics',
    'Science',
    'History',
    'Geography',
    'Art',
    'Music',
    'Drama',
    'Computing',
    'Languages',
  ];
  const school: DemoSchool = {
    name: 'Bench Academy',
    phase: 'secondary',
    urn: '199999',
    cycleWeeks: 2,
    departments,
    yearGroups: ['Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11'],
    rooms: staff.map((_, i) => ({ name: `R${i}`, building: 'Main', floor: i % 3 })),
    periods: Array.from({ length: 6 }, (_, p) => ({
      name: `Period ${p + 1}`,
      startsAt: `${String(9 + p).padStart(2, '0')}:00`,
      endsAt: `${String(9 + p).padStart(2, '0')}:55`,
    })),
    staff: [leader, ...staff],
    profiles: [leader, ...staff].map((s, i) => ({
      email: s.email,
      staffCode: i === 0 ? 'HEAD' : `T${i - 1}`,
      departments: [],
      coachEmail: null,
    })),
    terms: [{ name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' }],
    closures: [{ kind: 'inset', label: 'INSET day', startsOn: '2026-09-02', endsOn: '2026-09-02' }],
    lessons: [],
  };
  return { name: 'Bench Trust', slug: 'bench', trustStaff: [], schools: [school] };
}

export function timetableCsv(suffix: string): Buffer {
  const lines = ['Class,Subject,Year group,Teacher,Room,Week,Day,Period'];
  const subjects = [
    'English',
    'Mathematics',
    'Science',
    'History',
    'Geography',
    'Art',
    'Music',
    'Drama',
    'Computing',
    'Languages',
  ];
  for (let t = 0; t < TEACHERS; t++) {
    for (let w = 1; w <= 2; w++) {
      for (let d = 1; d <= 5; d++) {
        for (let p = 1; p <= 6; p++) {
          const year = 7 + ((t + d + p) % 5);
          lines.push(
            `${year}${suffix}${t}/${w}${d}${p},${subjects[t % 10]},Year ${year},T${t},R${t},${w === 1 ? 'A' : 'B'},${['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][d - 1]},${p}`,
          );
        }
      }
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function importBench() {
  const t = await startTestApp();
  try {
    const written = await writeTrust(t.db, bigSchool(), await hashPassword(PASSWORD));
    const schoolId = written.schoolIds.get('Bench Academy')!;
    const client = new Client(t.baseUrl);
    await client.signIn('head@bench-school.test', PASSWORD);
    const files = [timetableCsv('A'), timetableCsv('B')];
    const bodies = files.map((bytes, i) => ({
      fileName: `timetable-${i}.csv`,
      contentBase64: bytes.toString('base64'),
      confirmRemovals: true,
    }));
    let round = 0;
    const importOnce = async () => {
      const body = bodies[round++ % 2]!;
      const preview = await client.post(`/api/schools/${schoolId}/imports/timetable/preview`, body);
      if (preview.status !== 200 || !preview.body.canApply)
        throw new Error(`preview failed: ${JSON.stringify(preview.body).slice(0, 500)}`);
      const applied = await client.post(`/api/schools/${schoolId}/imports/timetable/apply`, body);
      if (applied.status !== 200)
        throw new Error(`apply failed: ${JSON.stringify(applied.body).slice(0, 500)}`);
      if (applied.body.counts.adds !== 30_000) throw new Error('expected 30,000 lessons written');
    };
    return [
      await compare(
        `timetable import of 30,000 rows (preview + apply over HTTP, 30,000 removed and 30,000 added) on ${t.database.backend}`,
        importOnce,
        'decoding the same 30,000-row CSV alone',
        () => decodeFile('timetable.csv', files[0]!),
        { rounds: 4, repeat: 1, warmup: 1 },
      ),
    ];
  } finally {
    await t.close();
  }
}
