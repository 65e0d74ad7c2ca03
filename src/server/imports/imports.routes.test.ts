import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../testing/import-files/${name}`, import.meta.url));
const upload = (fileName: string, bytes: Uint8Array, extra: Record<string, unknown> = {}) => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64'),
  ...extra,
});
const text = (s: string) => Buffer.from(s, 'utf8');

describe('imports API: staff, rooms and the timetable from CSV and XLSX', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  let north: string;
  const clients = new Map<string, Client>();

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  }
  const leader = () => as(a.email('school_leader'));
  const url = (kind: string, step: 'preview' | 'apply', school = north) =>
    `/api/schools/${school}/imports/${kind}/${step}`;

  /** Everything an import could touch in trust A, to prove a refused import wrote nothing. */
  async function snapshot() {
    return withTenant(t.db, a.trustId, async (tx) => ({
      people: await tx.selectFrom('people').selectAll().orderBy('person_id').execute(),
      identities: await tx.selectFrom('auth_identities').selectAll().orderBy('person_id').execute(),
      memberships: await tx
        .selectFrom('memberships')
        .selectAll()
        .orderBy('membership_id')
        .execute(),
      profiles: await tx.selectFrom('staff_profiles').selectAll().orderBy('person_id').execute(),
      staffDepartments: await tx
        .selectFrom('staff_departments')
        .selectAll()
        .orderBy('person_id')
        .orderBy('department_id')
        .execute(),
      departments: await tx
        .selectFrom('departments')
        .selectAll()
        .orderBy('department_id')
        .execute(),
      yearGroups: await tx.selectFrom('year_groups').selectAll().orderBy('year_group_id').execute(),
      rooms: await tx.selectFrom('rooms').selectAll().orderBy('room_id').execute(),
      lessons: await tx.selectFrom('lessons').selectAll().orderBy('lesson_id').execute(),
      coTeachers: await tx
        .selectFrom('lesson_co_teachers')
        .selectAll()
        .orderBy('lesson_id')
        .orderBy('person_id')
        .execute(),
      audit: await tx.selectFrom('audit_events').select(['action']).execute(),
    }));
  }

  async function lessonsOf(email: string) {
    const personId = await withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('people')
        .select('person_id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow(),
    );
    const res = await (await leader()).get(
      `/api/schools/${north}/people/${personId.person_id}/timetable`,
    );
    expect(res.status).toBe(200);
    return res.body.lessons as { classCode: string; room: string; weekday: number }[];
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'imp-a');
    b = await createTestTrust(t.db, 'imp-b');
    north = a.school('North');
  });
  afterAll(() => t?.close());

  it('lets only trust admins and the school’s own leaders import; another trust’s school is not found', async () => {
    const body = upload('rooms.csv', fixture('rooms-semicolon.csv'));
    const anonymous = await new Client(t.baseUrl).post(url('rooms', 'preview'), body);
    expect(anonymous.status).toBe(401);
    for (const role of ['teacher', 'observer', 'site_manager', 'trust_leader'] as const) {
      const res = await (await as(a.email(role))).post(url('rooms', 'preview'), body);
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const southLeader = await as(a.email('school_leader', 'South'));
    expect((await southLeader.post(url('rooms', 'preview'), body)).status).toBe(403);
    const otherTrust = await as(b.email('trust_admin'));
    const foreign = await otherTrust.post(url('rooms', 'apply'), body);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    const sample = await otherTrust.get(`/api/schools/${north}/imports/rooms/sample`);
    expect(sample.status).toBe(404);
    // The trust admin of the same trust may.
    const admin = await as(a.email('trust_admin'));
    expect((await admin.post(url('rooms', 'preview'), body)).status).toBe(200);
    expect((await (await leader()).post(url('rooms', 'preview'), body)).status).toBe(200);
  });

  it('previews an MIS staff export (byte-order mark, Windows line endings, renamed and reordered columns) without writing', async () => {
    const bytes = fixture('staff-mis-export.csv');
    // The fixture really is what Excel writes: a byte-order mark and CRLF line endings.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const before = await snapshot();
    const res = await (await leader()).post(url('staff', 'preview'), upload('staff.csv', bytes));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'staff',
      format: 'csv',
      refused: false,
      headingRow: 1,
      rowCount: 5, // the blank line is not a row
      understood: 5,
      problems: [],
      canApply: true,
      needsConfirmation: false,
    });
    expect(res.body.headings[0]).toBe('Staff Code'); // no byte-order mark glued to it
    expect(res.body.mapping).toEqual({
      email: 'Work Email',
      fullName: null,
      firstName: 'Forename',
      lastName: 'Surname',
      title: 'Title',
      staffCode: 'Staff Code',
      roles: 'Role',
      departments: 'Department',
    });
    expect(res.body.preview.rows[4]).toEqual({
      row: 7,
      values: ['nia.newton@imp-a-north.test', 'Nia Newton', 'Mx', 'NEW', 'Teacher', 'Mathematics'],
    });
    expect(res.body.diff.counts).toEqual({
      adds: 1,
      updates: 1,
      unchanged: 3,
      removals: 0,
      kept: 0,
    });
    expect(res.body.diff.updates).toEqual([
      {
        key: 'teacher@imp-a-north.test',
        label: 'North teacher (teacher@imp-a-north.test)',
        row: 4,
        changes: ['title Ms → Dr', 'departments Science → Science, History'],
      },
    ]);
    expect(res.body.diff.newDepartments).toEqual(['Mathematics']);
    expect(await snapshot()).toEqual(before);
  });

  it('applies the staff file all at once, and a re-import of the same file changes nothing', async () => {
    const c = await leader();
    const body = upload('staff.csv', fixture('staff-mis-export.csv'));
    const applied = await c.post(url('staff', 'apply'), body);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      changed: true,
      counts: { adds: 1, updates: 1, unchanged: 3, removals: 0 },
      newDepartments: ['Mathematics'],
    });
    const staff = await c.get(`/api/schools/${north}/staff`);
    const nia = staff.body.staff.find(
      (s: { email: string }) => s.email === 'nia.newton@imp-a-north.test',
    );
    expect(nia).toMatchObject({ fullName: 'Nia Newton' });
    const after = await snapshot();
    const niaId = after.people.find((p) => p.email === 'nia.newton@imp-a-north.test')!.person_id;
    // A sign-in identity (no password: they are invited later), a teacher's membership and their code.
    expect(after.identities.some((i) => i.person_id === niaId)).toBe(true);
    expect(after.memberships.filter((m) => m.person_id === niaId).map((m) => m.role)).toEqual([
      'teacher',
    ]);
    expect(after.profiles.find((p) => p.person_id === niaId)?.staff_code).toBe('NEW');
    expect(after.people.find((p) => p.email === 'teacher@imp-a-north.test')?.title).toBe('Dr');
    expect(after.audit.filter((e) => e.action === 'import.staff.applied')).toHaveLength(1);

    const again = await c.post(url('staff', 'apply'), body);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(again.body.counts).toEqual({ adds: 0, updates: 0, unchanged: 5, removals: 0, kept: 0 });
    expect(again.body.message).toContain('Nothing changed');
    expect(await snapshot()).toEqual(after); // not even an audit event
  });

  it('reads a Windows-1252 CSV as older Excel saves it', async () => {
    const res = await (await leader()).post(
      url('staff', 'preview'),
      upload('staff.csv', fixture('staff-windows-1252.csv')),
    );
    expect(res.status).toBe(200);
    expect(res.body.preview.rows[0].values.slice(0, 4)).toEqual([
      'renee.dubois@imp-a-north.test',
      'Renée Dubois',
      '',
      'RDU',
    ]);
    // Everyone else is missing from this one-person file: removals are listed, or kept with a reason.
    expect(res.body.diff.counts.removals).toBe(2); // site manager and Nia Newton teach nothing
    expect(
      res.body.diff.kept.map((k: { key: string; reason: string }) => [k.key, k.reason]),
    ).toEqual(
      expect.arrayContaining([
        [
          'school_leader@imp-a-north.test',
          'This is you: an import never removes the person running it.',
        ],
        [
          'teacher@imp-a-north.test',
          'Still teaches 2 lessons in the timetable. Import a timetable without them first, then this file again.',
        ],
      ]),
    );
    expect(res.body.needsConfirmation).toBe(true);
  });

  it('imports a semicolon-separated rooms file and keeps a room that lessons still use', async () => {
    const c = await leader();
    const body = upload('rooms.csv', fixture('rooms-semicolon.csv'));
    const preview = await c.post(url('rooms', 'preview'), body);
    // The kind of area (issue 14) is optional; this file has none.
    expect(preview.body.mapping).toEqual({
      name: 'Room name',
      building: 'Block',
      floor: 'Level',
      kind: null,
    });
    expect(preview.body.diff.counts).toEqual({
      adds: 1,
      updates: 0,
      unchanged: 2,
      removals: 0,
      kept: 0,
    });
    expect(preview.body.diff.adds[0]).toMatchObject({
      key: 'S3',
      changes: ['new: Science; annexe, second floor'],
    });
    expect((await c.post(url('rooms', 'apply'), body)).body.changed).toBe(true);
    // A later file without S2 (it has lessons) and without S3: S3 goes, S2 stays with a reason.
    const later = await c.post(url('rooms', 'preview'), upload('rooms.csv', text('Room\nS1\n')));
    expect(later.body.diff.removals.map((r: { key: string }) => r.key)).toEqual(['S3']);
    expect(later.body.diff.kept).toEqual([
      {
        key: 'S2',
        label: 'S2',
        reason: '1 lesson is timetabled in it. Import a timetable that no longer uses it first.',
      },
    ]);
  });

  it('reports every problem of a broken timetable by row and column, and writes nothing', async () => {
    const c = await leader();
    const before = await snapshot();
    const body = upload('timetable.csv', fixture('timetable-bad.csv'));
    const preview = await c.post(url('timetable', 'preview'), body);
    expect(preview.status).toBe(200);
    expect(preview.body.canApply).toBe(false);
    expect(
      preview.body.problems.map((p: { row: number; column: string; code: string }) => [
        p.row,
        p.column,
        p.code,
      ]),
    ).toEqual([
      [3, 'Group', 'duplicate_row'],
      [4, 'Staff', 'unknown_teacher'],
      [5, 'Room', 'room_clash'],
      [6, 'Period', 'period_outside_day'],
      [7, 'Day', 'day_outside_week'],
      [8, 'Room', 'unknown_room'],
      [10, 'Staff', 'teacher_clash'],
    ]);
    const messages = preview.body.problems.map((p: { message: string }) => p.message);
    expect(messages).toEqual([
      'Row 3 repeats row 2 exactly (7A/11, Monday, P1). Delete one of them.',
      'No member of staff at this school has the code or email “XYZ” (row 4). Check the spelling, or import the staff list first so that they are on it.',
      'Room S1 would hold 7B/11 on row 5 and 7A/11 on row 2 at the same time (Monday, P1). Correct one of the rows.',
      '“7” on row 6 is not a period of this school’s day, which has periods 1 (P1), 2 (P2).',
      'Row 7 is on Sat, but lessons run Monday to Friday. Move it to a school day.',
      '“Lab 9” on row 8 is not one of this school’s rooms. Check the spelling, or import the rooms list first.',
      'TE would teach 7A/77 on row 10 and 7A/66 on row 9 at the same time (Friday, P1). Correct one of the rows.',
    ]);
    const applied = await c.post(url('timetable', 'apply'), { ...body, confirmRemovals: true });
    expect(applied.status).toBe(422);
    expect(applied.body.error.code).toBe('import_has_problems');
    expect(applied.body.error.message).toBe(
      'Nothing was imported: the file has 7 problems. The first: row 3, Group: Row 3 repeats row 2 exactly (7A/11, Monday, P1). Delete one of them. Fix them and try again.',
    );
    expect(applied.body.error.details.problemCount).toBe(7);
    expect(await snapshot()).toEqual(before);
  });

  it('applies a timetable update: lists removals, refuses without confirmation, then applies; re-import is a no-op', async () => {
    const c = await leader();
    const body = upload('timetable.csv', fixture('timetable-good.csv'));
    const preview = await c.post(url('timetable', 'preview'), body);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.mapping).toMatchObject({
      classCode: 'Group',
      yearGroup: 'Year',
      teacher: 'Staff',
      week: null,
    });
    expect(preview.body.diff.counts).toEqual({
      adds: 1,
      updates: 0,
      unchanged: 2,
      removals: 1,
      kept: 0,
    });
    expect(preview.body.diff.removals.map((r: { label: string }) => r.label)).toEqual([
      '7A/22 (Science), Tuesday, P2',
    ]);
    expect(preview.body.diff.newYearGroups).toEqual([]);
    expect(preview.body.needsConfirmation).toBe(true);

    const before = await snapshot();
    const refused = await c.post(url('timetable', 'apply'), body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('confirm_removals');
    expect(refused.body.error.message).toBe(
      'Nothing was imported: this import would remove 1 lesson that is not in the file. Check the list, then apply again with the removals confirmed.',
    );
    expect(refused.body.error.details.removals[0].label).toBe('7A/22 (Science), Tuesday, P2');
    expect(await snapshot()).toEqual(before);

    const applied = await c.post(url('timetable', 'apply'), { ...body, confirmRemovals: true });
    expect(applied.status).toBe(200);
    expect(applied.body.counts).toMatchObject({ adds: 1, removals: 1, unchanged: 2 });
    const teacherLessons = await lessonsOf(a.email('teacher'));
    expect(teacherLessons.map((l) => l.classCode).sort()).toEqual(['7A/11', '8C/Hi1']);
    // The co-teacher (after "/") is recorded with the lesson.
    const after = await snapshot();
    const history = after.lessons.find((l) => l.class_code === '8C/Hi1')!;
    expect(
      after.coTeachers.filter((x) => x.lesson_id === history.lesson_id).map((x) => x.person_id),
    ).toEqual([a.person(a.email('observer'))]);
    // The lesson ids that stayed are the same rows: visits planned on them keep their link.
    const kept = before.lessons.find((l) => l.class_code === '7A/11')!;
    expect(after.lessons.find((l) => l.class_code === '7A/11')?.lesson_id).toBe(kept.lesson_id);

    const again = await c.post(url('timetable', 'apply'), body);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(await snapshot()).toEqual(after);
  });

  it('swaps two lessons’ rooms in one slot (clash-free at the end, though not half-way)', async () => {
    const c = await leader();
    const swapped = text(
      'Day,Period,Group,Subject,Year,Staff,Room\r\nMon,1,7A/11,Science,Year 7,TE,S2\r\nMon,1,7B/11,Science,Year 7,OB,S1\r\nWed,2,8C/Hi1,History,Year 8,TE;OB,S3\r\n',
    );
    const res = await c.post(url('timetable', 'apply'), upload('swap.csv', swapped));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toMatchObject({ updates: 2, unchanged: 1 });
    expect((await lessonsOf(a.email('teacher'))).find((l) => l.classCode === '7A/11')?.room).toBe(
      'S2',
    );
  });

  it('reads an XLSX export with a title row and Excel times, and applies it once a renamed column is mapped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Timetable');
    sheet.addRow(['Timetable export 2026/27']);
    sheet.addRow([
      'Teaching group',
      'Subject',
      'NC Year',
      'Tutor',
      'Location',
      'Day of week',
      'Start time',
    ]);
    const at = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
    sheet.addRow(['7A/11', 'Science', 7, 'TE', 'S2', 'Monday', at(9, 0)]);
    sheet.addRow([
      '7B/11',
      'Science',
      7,
      { text: 'observer@imp-a-north.test', hyperlink: 'mailto:observer@imp-a-north.test' },
      'S1',
      'Monday',
      at(9, 0),
    ]);
    sheet.addRow(['8C/Hi1', 'History', 8, 'TE;OB', 'S3', 'Wednesday', at(10, 0)]);
    sheet.addRow(['9D/Ma1', 'Mathematics', 9, 'NEW', 'S3', 'Thursday', at(9, 0)]);
    sheet.getColumn(7).numFmt = 'hh:mm';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const c = await leader();

    const unmapped = await c.post(url('timetable', 'preview'), upload('Timetable.xlsx', bytes));
    expect(unmapped.status).toBe(200);
    expect(unmapped.body.format).toBe('xlsx');
    expect(unmapped.body.headingRow).toBe(2);
    expect(unmapped.body.problems).toEqual([
      {
        row: 2,
        column: 'Teacher',
        code: 'missing_column',
        message:
          'No column holds “Teacher”. Headings found: “Teaching group”, “Subject”, “NC Year”, “Tutor”, “Location”, “Day of week”, “Start time”. Choose the column for “Teacher” in the column mapping, or rename its heading to “Teacher”.',
      },
    ]);
    expect(unmapped.body.ignoredHeadings).toEqual(['Tutor']);
    expect(unmapped.body.mapping).toMatchObject({
      classCode: 'Teaching group',
      yearGroup: 'NC Year',
      room: 'Location',
      period: 'Start time',
    });

    const mapping = { teacher: 'Tutor' };
    const mapped = await c.post(
      url('timetable', 'preview'),
      upload('Timetable.xlsx', bytes, { mapping }),
    );
    expect(mapped.body.problems).toEqual([]);
    expect(mapped.body.preview.rows[1].values).toEqual([
      '7B/11',
      'Science',
      'Year 7',
      'OB (North observer)',
      'S1',
      'Monday, P1',
    ]);
    expect(mapped.body.diff.counts).toEqual({
      adds: 1,
      updates: 0,
      unchanged: 3,
      removals: 0,
      kept: 0,
    });
    expect(mapped.body.diff.newDepartments).toEqual([]); // Mathematics came with the staff import
    expect(mapped.body.diff.newYearGroups).toEqual(['Year 9']);
    const applied = await c.post(
      url('timetable', 'apply'),
      upload('Timetable.xlsx', bytes, { mapping }),
    );
    expect(applied.status).toBe(200);
    expect(applied.body.newYearGroups).toEqual(['Year 9']);
    const nia = await lessonsOf('nia.newton@imp-a-north.test');
    expect(nia.map((l) => [l.classCode, l.room, l.weekday])).toEqual([['9D/Ma1', 'S3', 4]]);
  });

  it('refuses a file with pupil data, naming the columns, and writes nothing', async () => {
    const c = await leader();
    const before = await snapshot();
    const body = upload('timetable.csv', fixture('timetable-with-pupils.csv'));
    const preview = await c.post(url('timetable', 'preview'), body);
    expect(preview.status).toBe(200);
    expect(preview.body.refused).toBe(true);
    expect(preview.body.canApply).toBe(false);
    expect(preview.body.preview.rows).toEqual([]);
    expect(
      preview.body.problems.map((p: { column: string; code: string }) => [p.column, p.code]),
    ).toEqual([
      ['Pupil name', 'pupil_data'],
      ['UPN', 'pupil_data'],
      ['UPN', 'pupil_data'],
    ]);
    expect(preview.body.problems[0].message).toBe(
      'The column “Pupil name” looks like pupil data (pupil names or identifiers). Learning Walks never stores pupils’ personal data: classes are identified by their code, year group and subject only. Delete that column from the file and import it again.',
    );
    const applied = await c.post(url('timetable', 'apply'), body);
    expect(applied.status).toBe(422);
    expect(applied.body.error.code).toBe('pupil_data_refused');
    // Forename and surname columns in a rooms file are pupils' names too.
    const rooms = await c.post(
      url('rooms', 'preview'),
      upload('rooms.csv', text('Room,Forename,Surname\nS1,Alex,Example\n')),
    );
    expect(rooms.body.refused).toBe(true);
    expect(rooms.body.problems.map((p: { column: string }) => p.column)).toEqual([
      'Forename',
      'Surname',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses files it cannot read with a plain reason', async () => {
    const c = await leader();
    const xls = await c.post(
      url('rooms', 'preview'),
      upload('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    );
    expect(xls.status).toBe(422);
    expect(xls.body.error.code).toBe('unreadable_file');
    expect(xls.body.error.message).toContain('save it as an Excel workbook (.xlsx) or CSV');
    const empty = await c.post(
      url('rooms', 'preview'),
      upload('rooms.csv', text('Room,Building\n')),
    );
    expect(empty.body.problems.map((p: { code: string }) => p.code)).toEqual(['no_rows']);
    const notBase64 = await c.post(url('rooms', 'preview'), {
      fileName: 'x.csv',
      contentBase64: '***',
    });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.error.code).toBe('invalid_upload');
  });

  it('streams honest progress as NDJSON, then the result', async () => {
    const c = await leader();
    const res = await fetch(`${t.baseUrl}${url('timetable', 'apply')}`, {
      method: 'POST',
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
      },
      body: JSON.stringify(
        upload('timetable.csv', fixture('timetable-good.csv'), { confirmRemovals: true }),
      ),
    });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.phase)).toEqual(
      expect.arrayContaining(['reading', 'checking', 'comparing', 'writing', 'done']),
    );
    const result = lines.at(-1);
    expect(result.type).toBe('result');
    expect(result.status).toBe(200);
    // 9D/Ma1 goes; 7A/11 and 7B/11 swap their rooms back.
    expect(result.body.counts).toMatchObject({ removals: 1, updates: 2, unchanged: 1 });
  });

  it('offers sample files of the demo school in CSV and XLSX that import cleanly', async () => {
    const c = await leader();
    const csv = await fetch(
      `${t.baseUrl}/api/schools/${north}/imports/timetable/sample?format=csv`,
      {
        headers: { cookie: c.cookie! },
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="riverside-academy-timetable.csv"',
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).toString('utf8')).toMatch(
      /^\uFEFFClass,Subject,Year group,Teacher,Room,Week,Day,Period\r\n/,
    );
    const xlsx = await fetch(`${t.baseUrl}/api/schools/${north}/imports/rooms/sample?format=xlsx`, {
      headers: { cookie: c.cookie! },
    });
    const book = new Uint8Array(await xlsx.arrayBuffer());
    expect([...book.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    // The rooms sample reads back as Riverside's rooms.
    const preview = await c.post(url('rooms', 'preview'), upload('rooms.xlsx', book));
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.preview.columns).toEqual(['Room', 'Building', 'Floor']);
    expect(preview.body.rowCount).toBeGreaterThan(20);
  });
});
