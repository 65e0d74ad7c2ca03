import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolCsvTables, trustCsvTables } from '../../contracts/insights.ts';
import { withTenant } from '../db/with-tenant.ts';
import {
  addTestTeachers,
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The access model of insights (issue 8): school leaders see only their school; trust leaders see
 * every school and the trust, as aggregates; nobody receives a record, a teacher's name or id;
 * suppression is applied on the server; another trust's school is not found. Evidence goes in
 * through the real capture API, so the rollups are maintained on write.
 */

const PREVALENCE = 'Pupils explain their reasoning to a partner';
const SEEN = 'Pupils use the word wall';
const COUNT = 'Questions asked by pupils';

describe('insights API', () => {
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let walk: TestWalk;
  let observer: Client;
  let teachers: { personId: string; fullName: string }[];
  let staffNames: string[];
  let recordIds: string[];
  const levels = ['most', 'all', 'most', 'some', 'not_seen', 'most'];

  const signedIn = async (email: string) => {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  };
  const raw = async (c: Client, path: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: c.cookie ?? '' } });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      bytes: new Uint8Array(await res.arrayBuffer()),
      headers: res.headers,
    };
  };
  const body = (i: number, notes: string) => ({
    answers: [
      { lookForId: walk.lookForIds.get(PREVALENCE)!, kind: 'prevalence', value: levels[i] },
      { lookForId: walk.lookForIds.get(SEEN)!, kind: 'seen', value: i % 2 === 0 },
      { lookForId: walk.lookForIds.get(COUNT)!, kind: 'count', value: i },
    ],
    notes,
    studentVoice: [],
    // A note naming a member of staff is handed in only when the name is kept with a reason
    // (rule 9); the themes must still leave its quote out.
    ...(i === 2
      ? { kept: [{ field: 'notes', phrase: teachers[2]!.fullName, reason: 'Asked to be named.' }] }
      : {}),
  });

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'insights');
    other = await createTestTrust(t.db, 'insights-other');
    teachers = await addTestTeachers(t.db, trust, 'North', 6);
    walk = await createTestWalk(t.db, trust, { teacherIds: teachers.map((x) => x.personId) });
    // Five visits in Science, one alone in Art: a group of one teacher.
    await withTenant(t.db, trust.trustId, async (tx) => {
      for (const [i, visitId] of walk.visitIds.entries()) {
        await tx
          .updateTable('visits')
          .set({ department: i === 5 ? 'Art' : 'Science', year_group: i < 3 ? 'Year 7' : 'Year 8' })
          .where('visit_id', '=', visitId)
          .execute();
      }
    });
    observer = await signedIn(trust.email('observer'));
    const notes = [
      'Pupils used mini whiteboards to show their thinking.',
      'Mini whiteboards were used by every pupil in pairs.',
      `${teachers[2]!.fullName} asked pupils to use mini whiteboards.`,
      'Pupils used mini whiteboards before writing.',
      'Pupils explained ideas with mini whiteboards.',
      'Quiet reading at the start.',
    ];
    recordIds = [];
    for (const [i, visitId] of walk.visitIds.entries()) {
      const recordId = crypto.randomUUID();
      recordIds.push(recordId);
      const res = await observer.request('PUT', `/api/records/${recordId}`, {
        visitId,
        baseVersion: null,
        body: body(i, notes[i]!),
      });
      expect(res.status).toBe(201);
    }
    expect((await observer.post(`/api/walks/${walk.walkId}/records/hand-in`)).status).toBe(200);
    const names = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('people').select(['full_name', 'email']).execute(),
    );
    staffNames = names.map((n) => n.full_name);
  }, 60_000);
  afterAll(() => t?.close());

  /** Nothing in a response may name, identify or carry a record of a teacher. */
  function expectNoPeople(text: string) {
    for (const name of staffNames) expect(text).not.toContain(name);
    for (const teacher of teachers) expect(text).not.toContain(teacher.personId);
    for (const id of [...walk.visitIds, ...recordIds]) expect(text).not.toContain(id);
  }

  it('gives a school leader their school: figures with n and a Wilson band, from the rollups', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    const res = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    expect(res.status).toBe(200);
    const prevalence = res.body.lookFors.find((f: { prompt: string }) => f.prompt === PREVALENCE);
    expect(prevalence.figure.status).toBe('shown');
    expect(prevalence.figure.n).toBe(6);
    // most, all, most, most = 4 of 6 with most or all pupils.
    expect(prevalence.figure.share).toBeCloseTo(4 / 6);
    expect(prevalence.figure.lower).toBeGreaterThan(0.2);
    expect(prevalence.figure.upper).toBeLessThan(0.95);
    expect(res.body.visits).toBe(6);
    expect(res.body.lenses[0].figure.status).toBe('shown');
    expect(res.body.coverage.againstCap.status).toBe('shown');
    expectNoPeople(JSON.stringify(res.body));
  });

  it('suppresses small groups on the server, and hides a second one so the first cannot be subtracted', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    const res = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    const prevalence = res.body.lookFors.find((f: { prompt: string }) => f.prompt === PREVALENCE);
    const art = prevalence.byDepartment.find((g: { label: string }) => g.label === 'Art');
    expect(art.figure).toEqual({
      status: 'suppressed',
      reason: expect.stringContaining('Fewer than 3 teachers'),
    });
    // Science (5) = total (6) − Art (1): shown beside a shown total it would give Art away.
    const science = prevalence.byDepartment.find((g: { label: string }) => g.label === 'Science');
    expect(science.figure.status).toBe('suppressed');
    expect(science.figure.reason).toContain('subtracting');
    const heat = res.body.coverage.departmentsByYearGroup;
    const artCells = heat.cells.filter((c: { row: string }) => c.row === 'Art');
    expect(
      artCells.every(
        (c: { status: string; visits: number | null }) => c.status !== 'shown' || c.visits === 0,
      ),
    ).toBe(true);
    expect(heat.note).toMatch(/hidden/);
  });

  it('keeps a figure hidden under every filter, so two views cannot be subtracted', async () => {
    const leader = await signedIn(trust.email('trust_leader'));
    const all = await leader.get('/api/insights/trust');
    const science = await leader.get('/api/insights/trust?department=Science');
    expect(science.status).toBe(200);
    const whole = all.body.lookFors.find((f: { prompt: string }) => f.prompt === PREVALENCE);
    const part = science.body.lookFors.find((f: { prompt: string }) => f.prompt === PREVALENCE);
    // The trust's figure for all departments is shown; Science's would give away Art's one
    // teacher as "all − Science", so it is hidden, with a reason.
    expect(whole.trust.status).toBe('shown');
    expect(part.trust).toEqual({ status: 'suppressed', reason: expect.stringMatching(/Hidden/) });
    // North's Science figure has the status it has on North's own dashboard: hidden beside Art.
    const north = part.schools.find(
      (x: { schoolId: string }) => x.schoolId === trust.school('North'),
    );
    expect(north.figure.status).toBe('suppressed');
    expect(science.body.support).toEqual([]);

    // A term that holds every visit is the same group as all terms: same figures, same hiding.
    const school = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    const walkDate = school.body.lookFors[0].trend[0].label;
    const termId = school.body.terms.find(
      (x: { startsOn: string; endsOn: string }) => x.startsOn <= walkDate && walkDate <= x.endsOn,
    ).id;
    const inTerm = await leader.get(
      `/api/schools/${trust.school('North')}/insights?termId=${termId}`,
    );
    expect(inTerm.status).toBe(200);
    const f = inTerm.body.lookFors.find((x: { prompt: string }) => x.prompt === PREVALENCE);
    expect(f.figure.status).toBe('shown');
    expect(f.figure.n).toBe(6);
    const statusOf = (label: string) =>
      f.byDepartment.find((g: { label: string }) => g.label === label).figure.status;
    expect(statusOf('Art')).toBe('suppressed');
    expect(statusOf('Science')).toBe('suppressed');
    const artInTerm = inTerm.body.coverage.departmentsByYearGroup.cells.filter(
      (c: { row: string }) => c.row === 'Art',
    );
    expect(artInTerm.length).toBeGreaterThan(0);
    expect(artInTerm.every((c: { status: string }) => c.status !== 'shown')).toBe(true);
    const trustTerm = await leader.get(`/api/insights/trust?termId=${termId}`);
    const t2 = trustTerm.body.lookFors.find((x: { prompt: string }) => x.prompt === PREVALENCE);
    expect(t2.trust.status).toBe('shown');
    expect(t2.trust.n).toBe(6);
  });

  it('updates the figures when a handed-in record is edited (maintained on write)', async () => {
    const edited = body(4, 'Quiet reading at the start.');
    edited.answers[0]!.value = 'all';
    const res = await observer.request('PUT', `/api/records/${recordIds[4]}`, {
      visitId: walk.visitIds[4],
      baseVersion: 1,
      body: edited,
    });
    expect(res.status).toBe(200);
    const leader = await signedIn(trust.email('school_leader'));
    const after = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    const prevalence = after.body.lookFors.find((f: { prompt: string }) => f.prompt === PREVALENCE);
    expect(prevalence.figure.share).toBeCloseTo(5 / 6);
    expect(prevalence.figure.counts.notSeen).toBe(0);
  });

  it('leaves out quotes that name a teacher, and keeps themes name-free', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    const res = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    const theme = res.body.themes.notes.find((x: { phrase: string }) =>
      x.phrase.includes('whiteboards'),
    );
    expect(theme).toBeDefined();
    expect(theme.visits).toBeGreaterThanOrEqual(4);
    expect(res.body.themes.quotesLeftOut).toBeGreaterThanOrEqual(0);
    expectNoPeople(JSON.stringify(res.body.themes));
  });

  it('keeps school leaders to their own school, and teachers and observers out', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    expect((await leader.get(`/api/schools/${trust.school('South')}/insights`)).status).toBe(403);
    expect((await leader.get('/api/insights/trust')).status).toBe(403);
    const teacher = await signedIn(trust.email('teacher'));
    const refused = await teacher.get(`/api/schools/${trust.school('North')}/insights`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/insights/);
    expect(
      (await observer.get(`/api/schools/${trust.school('North')}/insights/csv?table=lenses`))
        .status,
    ).toBe(403);
    expect((await teacher.get('/api/insights/trust')).status).toBe(403);
  });

  it("answers 404 for another trust's school, and for a term that is not the school's", async () => {
    const leader = await signedIn(trust.email('trust_leader'));
    expect((await leader.get(`/api/schools/${other.school('North')}/insights`)).status).toBe(404);
    const term = await leader.get(
      `/api/schools/${trust.school('North')}/insights?termId=${crypto.randomUUID()}`,
    );
    expect(term.status).toBe(404);
    expect(term.body.error.message).toMatch(/term/i);
    const bad = await leader.get('/api/insights/trust?phase=nursery');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/phase/);
  });

  it('gives a trust leader each school beside the trust, as aggregates with no names or records', async () => {
    const leader = await signedIn(trust.email('trust_leader'));
    const res = await leader.get('/api/insights/trust');
    expect(res.status).toBe(200);
    const f = res.body.lookFors.find((x: { prompt: string }) => x.prompt === PREVALENCE);
    expect(f).toBeDefined();
    const north = f.schools.find((s: { schoolId: string }) => s.schoolId === trust.school('North'));
    const south = f.schools.find((s: { schoolId: string }) => s.schoolId === trust.school('South'));
    expect(north.figure.status).toBe('shown');
    expect(north.figure.n).toBe(6);
    expect(south.figure.status).toBe('empty');
    expect(f.trust.status).toBe('shown');
    expect(res.body.culture).toHaveLength(2);
    // The culture measures come from per-walk facts kept by triggers: they equal the raw counts.
    const raw = await withTenant(t.db, trust.trustId, async (tx) => {
      const visits = await tx
        .selectFrom('visits')
        .select(['notice_sent_at', 'planned_start'])
        .where('walk_id', '=', walk.walkId)
        .where('status', '=', 'planned')
        .where('invited', '=', false)
        .execute();
      return {
        needing: visits.length,
        withNotice: visits.filter(
          (v) => v.notice_sent_at !== null && v.notice_sent_at < v.planned_start,
        ).length,
      };
    });
    const northCulture = res.body.culture.find(
      (c: { schoolId: string }) => c.schoolId === trust.school('North'),
    );
    expect(northCulture).toMatchObject({
      walksDone: 1,
      visitsNeedingNotice: raw.needing,
      visitsWithNotice: raw.withNotice,
    });
    expect(raw.needing).toBe(6);
    expectNoPeople(JSON.stringify(res.body));
    // Drill-down: the trust leader opens a school's dashboard too, still name-free.
    const school = await leader.get(`/api/schools/${trust.school('North')}/insights`);
    expect(school.status).toBe(200);
    expectNoPeople(JSON.stringify(school.body));
    // The phase filter keeps only schools of that phase.
    const phase = res.body.filters.phases[0];
    const filtered = await leader.get(`/api/insights/trust?phase=${phase}`);
    expect(filtered.body.schools.every((s: { phase: string }) => s.phase === phase)).toBe(true);
  });

  it('downloads every table as CSV with a byte-order mark, suppression included', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    const res = await raw(
      leader,
      `/api/schools/${trust.school('North')}/insights/csv?table=departments`,
    );
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(res.bytes);
    expect(text).toContain('Look-for,Department');
    expect(text).toContain('Fewer than 3 teachers');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename=".*departments\.csv"/,
    );
    expectNoPeople(text);
    const trustLeader = await signedIn(trust.email('trust_leader'));
    for (const table of ['lenses', 'look-fors', 'support', 'culture', 'pulse']) {
      const r = await raw(trustLeader, `/api/insights/trust/csv?table=${table}`);
      expect(r.status).toBe(200);
      expectNoPeople(new TextDecoder().decode(r.bytes));
    }
    const bad = await leader.get(
      `/api/schools/${trust.school('North')}/insights/csv?table=teachers`,
    );
    expect(bad.status).toBe(400);
  });

  it('writes every date in a CSV, header or cell, in the one date format (issue 21)', async () => {
    const leader = await signedIn(trust.email('school_leader'));
    const trustLeader = await signedIn(trust.email('trust_leader'));
    const texts: [string, string][] = [];
    for (const table of schoolCsvTables) {
      const r = await raw(
        leader,
        `/api/schools/${trust.school('North')}/insights/csv?table=${table}`,
      );
      expect(r.status).toBe(200);
      texts.push([table, new TextDecoder().decode(r.bytes)]);
    }
    for (const table of trustCsvTables) {
      const r = await raw(trustLeader, `/api/insights/trust/csv?table=${table}`);
      expect(r.status).toBe(200);
      texts.push([`trust ${table}`, new TextDecoder().decode(r.bytes)]);
    }
    for (const [table, text] of texts) {
      expect(text, table).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}/);
    }
    // The trend's walk dates are days as the app writes them: "Mon 23 Nov 2026".
    const trend = texts.find(([t]) => t === 'trend')![1];
    expect(trend).toMatch(/,(Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2} \d{4},/);
  });

  it('makes a PDF report for governors with themes and actions, naming no one', async () => {
    const leader = await signedIn(trust.email('trust_leader'));
    for (const path of [
      `/api/schools/${trust.school('North')}/insights/report.pdf`,
      '/api/insights/trust/report.pdf',
    ]) {
      const res = await raw(leader, path);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/pdf');
      const pdf = await getDocument({ data: res.bytes, verbosity: 0 }).promise;
      let text = '';
      for (let p = 1; p <= pdf.numPages; p++) {
        const content = await (await pdf.getPage(p)).getTextContent();
        text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
      }
      expect(text).toMatch(/No teacher is named/);
      expectNoPeople(text);
      // Laid out as a report (issue 21): the trust's name on the cover and every page's footer,
      // the date in the one format, headings, tables with header rows, page numbers.
      expect(text).toContain(trust.fixture.name);
      expect(text.split(trust.fixture.name).length - 1).toBeGreaterThan(pdf.numPages);
      expect(text).toMatch(
        /Produced on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}\./,
      );
      expect(text).toMatch(new RegExp(`Page 1 of ${pdf.numPages}`));
      expect(text).toMatch(/Most or all pupils\s+Likely between\s+Visits/);
      expect(text).toMatch(/\d+% to \d+%/);
      if (path.includes('schools')) {
        expect(text).toMatch(/What the walks found/);
        expect(text).toMatch(/Themes/);
        expect(text).toMatch(/Theme\s+Visits\s+In their words/);
        expect(text).toMatch(/whiteboards/);
        expect(text).toMatch(/Actions and their progress/);
        expect(text).toMatch(/Visits this period\s+Teachers/);
      } else {
        expect(text).toMatch(/Where targeted support might help/);
        expect(text).toMatch(/How the walks are run/);
      }
      // A bold heading font and more than one size: headings, not a list of lines.
      const first = await (await pdf.getPage(1)).getTextContent();
      const heights = new Set(
        first.items.map((i) =>
          'transform' in i ? Math.round(Math.abs(i.transform[3] as number)) : 0,
        ),
      );
      expect(heights.size).toBeGreaterThanOrEqual(3);
    }
  });
});
