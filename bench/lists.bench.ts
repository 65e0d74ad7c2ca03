import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/server/db/schema.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import type { AppDeps } from '../src/server/http/context.ts';
import { listRooms } from '../src/server/rooms/rooms.service.ts';
import { listStaff } from '../src/server/staff/staff.service.ts';
import { createTestTrust } from '../src/server/testing/factories.ts';
import { startTestApp } from '../src/server/testing/test-app.ts';
import { listLessons } from '../src/server/timetable/timetable.service.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * Do the set-up lists stay fast in a big school? One school with 5,000 staff, 834 rooms and
 * 50,000 lessons (a two-week cycle of six periods a day). Each list call (the real service:
 * tenant transaction, policy check, count and page with names) is compared in the same run
 * with the least a page can cost: the same tenant transaction fetching 25 rows by primary key.
 */
const STAFF = 5_000;
const LESSONS = 50_000;
const SLOTS = 2 * 5 * 6;
const ROOMS = Math.ceil(LESSONS / SLOTS);

async function chunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function bigSchool(db: Kysely<DB>, trustId: string, schoolId: string) {
  return withTenant(db, trustId, async (tx) => {
    const inSchool = { trust_id: trustId, school_id: schoolId };
    const people = Array.from({ length: STAFF }, (_, i) => ({
      trust_id: trustId,
      person_id: crypto.randomUUID(),
      full_name: `Teacher ${String(i).padStart(4, '0')} ${['Smith', 'Khan', 'Jones', 'Patel', 'Brown'][i % 5]}`,
      title: null,
      email: `t${i}@big.test`,
    }));
    await chunks(people, 1000, (rows) => tx.insertInto('people').values(rows).execute());
    await chunks(people, 1000, (rows) =>
      tx
        .insertInto('memberships')
        .values(
          rows.map((p) => ({ ...inSchool, person_id: p.person_id, role: 'teacher' as const })),
        )
        .execute(),
    );
    await chunks(people, 1000, (rows) =>
      tx
        .insertInto('staff_profiles')
        .values(
          rows.map((p, i) => ({
            ...inSchool,
            person_id: p.person_id,
            staff_code: `T${p.email.slice(1, -9)}`,
            coach_id: i > 0 ? rows[i - 1]!.person_id : null,
          })),
        )
        .execute(),
    );
    const rooms = Array.from({ length: ROOMS }, (_, i) => ({
      ...inSchool,
      room_id: crypto.randomUUID(),
      name: `R${i}`,
      building: `Block ${i % 7}`,
      floor: i % 3,
    }));
    await chunks(rooms, 1000, (rows) => tx.insertInto('rooms').values(rows).execute());
    const departments = ['Mathematics', 'English', 'Science', 'History', 'Art'].map((name) => ({
      ...inSchool,
      department_id: crypto.randomUUID(),
      name,
    }));
    await tx.insertInto('departments').values(departments).execute();
    const yearGroups = [7, 8, 9, 10, 11].map((n, i) => ({
      ...inSchool,
      year_group_id: crypto.randomUUID(),
      name: `Year ${n}`,
      ordinal: i + 1,
    }));
    await tx.insertInto('year_groups').values(yearGroups).execute();
    const periods = Array.from({ length: 6 }, (_, i) => ({
      ...inSchool,
      period_id: crypto.randomUUID(),
      name: `Period ${i + 1}`,
      ordinal: i + 10,
      starts_at: `${String(9 + i).padStart(2, '0')}:00`,
      ends_at: `${String(9 + i).padStart(2, '0')}:55`,
    }));
    await tx.insertInto('periods').values(periods).execute();
    const lessons = Array.from({ length: LESSONS }, (_, i) => {
      const slot = i % SLOTS;
      const k = Math.floor(i / SLOTS);
      return {
        ...inSchool,
        lesson_id: crypto.randomUUID(),
        class_code: `${7 + (k % 5)}${String.fromCharCode(65 + (k % 26))}/C${k}`,
        department_id: departments[k % departments.length]!.department_id,
        year_group_id: yearGroups[k % yearGroups.length]!.year_group_id,
        teacher_id: people[(k + slot * ROOMS) % STAFF]!.person_id,
        room_id: rooms[k]!.room_id,
        cycle_week: 1 + Math.floor(slot / 30),
        weekday: 1 + (Math.floor(slot / 6) % 5),
        period_id: periods[slot % 6]!.period_id,
      };
    });
    await chunks(lessons, 2000, (rows) => tx.insertInto('lessons').values(rows).execute());
    return {
      personIds: people.map((p) => p.person_id),
      lessonIds: lessons.map((l) => l.lesson_id),
      roomIds: rooms.map((r) => r.room_id),
    };
  });
}

/**
 * Fresh planner statistics, as PostgreSQL's autovacuum would gather after a bulk load (PGlite
 * has no autovacuum). ANALYZE needs the tables' owner: PGlite's one connection steps out of the
 * app role and back; on PostgreSQL a separate owner connection does it.
 */
async function analyze(t: Awaited<ReturnType<typeof startTestApp>>) {
  const config = t.database.config;
  if (config.database.kind === 'pglite') {
    await sql`RESET ROLE`.execute(t.db);
    try {
      await sql`ANALYZE`.execute(t.db);
    } finally {
      await sql`SET ROLE ${sql.id(config.appRole)}`.execute(t.db);
    }
  } else {
    const client = new pg.Client({ connectionString: config.database.url });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
}

export async function listsBench(): Promise<Comparison[]> {
  const t = await startTestApp();
  try {
    const trust = await createTestTrust(t.db, 'bench-lists');
    const schoolId = crypto.randomUUID();
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('schools')
        .values({
          trust_id: trust.trustId,
          school_id: schoolId,
          name: 'Big school',
          phase: 'secondary',
          urn: null,
          timetable_cycle_weeks: 2,
        })
        .execute(),
    );
    const big = await bigSchool(t.db, trust.trustId, schoolId);
    await analyze(t);
    const deps = { db: t.db } as AppDeps;
    const doer = {
      auth: {
        actor: {
          trustId: trust.trustId,
          personId: trust.person(trust.email('trust_admin')),
          memberships: [{ role: 'trust_admin' as const, schoolId: null }],
        },
        sessionId: '',
        csrfToken: '',
      },
    };
    const page = (q: string, n = 1) => ({ q, page: n, pageSize: 25 });
    // Baselines: the same tenant transaction, 25 rows by primary key.
    const lessonIds = big.lessonIds.slice(1000, 1025);
    const personIds = big.personIds.slice(1000, 1025);
    const lessonsByKey = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        tx.selectFrom('lessons').selectAll().where('lesson_id', 'in', lessonIds).execute(),
      );
    const peopleByKey = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        tx.selectFrom('people').selectAll().where('person_id', 'in', personIds).execute(),
      );
    const options = { rounds: 10, repeat: 3, warmup: 3 };
    const backend = t.database.backend;
    const baseline = '25 lessons by primary key in one tenant transaction';
    const results = [
      await compare(
        `lessons, first page of 50,000, with names and total (${backend})`,
        () => listLessons(deps, doer, schoolId, page('')),
        baseline,
        lessonsByKey,
        options,
      ),
      await compare(
        `lessons, search ?q=9c/ (class code prefix, subject, room, teacher) (${backend})`,
        () => listLessons(deps, doer, schoolId, page('9c/')),
        baseline,
        lessonsByKey,
        options,
      ),
      await compare(
        `lessons, one teacher's (?teacherId=) (${backend})`,
        () => listLessons(deps, doer, schoolId, { ...page(''), teacherId: big.personIds[42] }),
        baseline,
        lessonsByKey,
        options,
      ),
      await compare(
        `lessons, page 1,000 of 2,000 (offset 24,975) (${backend})`,
        () => listLessons(deps, doer, schoolId, page('', 1000)),
        baseline,
        lessonsByKey,
        options,
      ),
      await compare(
        `staff, first page of 5,000 with roles, departments, coach (${backend})`,
        () => listStaff(deps, doer, schoolId, page('')),
        '25 people by primary key in one tenant transaction',
        peopleByKey,
        options,
      ),
      await compare(
        `staff, search ?q=khan (name, email, staff code) (${backend})`,
        () => listStaff(deps, doer, schoolId, page('khan')),
        '25 people by primary key in one tenant transaction',
        peopleByKey,
        options,
      ),
      await compare(
        `rooms, search ?q=block 3 of ${ROOMS} (${backend})`,
        () => listRooms(deps, doer, schoolId, page('block 3')),
        baseline,
        lessonsByKey,
        options,
      ),
    ];
    return results;
  } finally {
    await t.close();
  }
}
