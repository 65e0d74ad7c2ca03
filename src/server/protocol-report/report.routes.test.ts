import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { insertProgramme, insertWalk } from '../testing/walk-rows.ts';

type Row = {
  number: number | null;
  rule: string;
  status: string;
  evidence: string[];
  violations: number;
};

describe('the protocol report', () => {
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let kept: string; // South: a programme that kept every rule
  let broken: string; // North: one that broke several
  const monday = new Date('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'report-trust');
    other = await createTestTrust(t.db, 'report-other');

    kept = await insertProgramme(t.db, trust, {
      school: 'South',
      agreedOn: '2026-09-10',
      agreementHow: 'Staff meeting; union rep consulted',
      publishedAt: new Date('2026-09-14T08:00:00Z'),
    });
    // Two walks on different weekdays, two teachers, one observer, notice three school days ahead.
    await insertWalk(t.db, trust, {
      school: 'South',
      programmeId: kept,
      date: '2026-11-30',
      observerEmails: [trust.email('school_leader', 'South')],
      publishedAt: monday,
      visits: [
        { teacherEmail: trust.email('teacher', 'South'), start: '09:00', end: '09:10' },
        { teacherEmail: trust.email('observer', 'South'), start: '09:15', end: '09:25' },
      ],
    });
    await insertWalk(t.db, trust, {
      school: 'South',
      programmeId: kept,
      date: '2026-12-02',
      observerEmails: [trust.email('school_leader', 'South')],
      publishedAt: monday,
      visits: [
        { teacherEmail: trust.email('site_manager', 'South'), start: '11:00', end: '11:10' },
      ],
    });
    await insertWalk(t.db, trust, {
      school: 'South',
      programmeId: kept,
      date: '2026-12-03',
      observerEmails: [trust.email('school_leader', 'South')],
      publishedAt: monday,
      visits: [
        {
          teacherEmail: trust.email('teacher', 'South'),
          start: '14:00',
          end: '14:10',
          invited: true,
        },
      ],
    });

    // A draft walk that breaks everything: never published, so the report ignores it.
    await insertWalk(t.db, trust, {
      school: 'South',
      programmeId: kept,
      date: '2026-12-01',
      status: 'draft',
      purpose: 'Whether Mr Okafor is coping',
      observerEmails: [
        trust.email('school_leader', 'South'),
        trust.email('observer', 'South'),
        trust.email('site_manager', 'South'),
      ],
      visits: [{ teacherEmail: trust.email('teacher', 'South'), start: '10:00', end: '10:40' }],
    });

    broken = await insertProgramme(t.db, trust, { school: 'North' });
    const teacher = trust.email('teacher');
    // Three observers, a purpose about one person, notice given the day before.
    await insertWalk(t.db, trust, {
      programmeId: broken,
      date: '2026-11-25',
      purpose: 'To support Mr Okafor with his questioning.',
      observerEmails: [
        trust.email('school_leader'),
        trust.email('observer'),
        trust.email('site_manager'),
      ],
      publishedAt: new Date('2026-11-24T09:00:00Z'),
      visits: [{ teacherEmail: teacher, start: '09:00', end: '09:10' }],
    });
    // Three more visits to the same teacher: four in the school year, over the cap of three.
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      await insertWalk(t.db, trust, {
        programmeId: broken,
        date,
        observerEmails: [trust.email('school_leader')],
        publishedAt: monday,
        visits: [{ teacherEmail: teacher, start: '10:00', end: '10:10' }],
      });
    }
    // Each published walk carries out a planned walk of its agreed programme (rule 1).
    await withTenant(t.db, trust.trustId, async (tx) => {
      const walks = await tx
        .selectFrom('walks')
        .select(['walk_id', 'programme_id', 'walk_date', 'window_start', 'window_end'])
        .where('status', '=', 'published')
        .execute();
      for (const w of walks) {
        const planned = await tx
          .insertInto('programme_planned_walks')
          .values({
            trust_id: trust.trustId,
            programme_id: w.programme_id!,
            walk_date: w.walk_date,
            week_of: null,
            window_start: w.window_start,
            window_end: w.window_end,
            focus_title: 'Reading aloud',
            created_at: monday,
          })
          .returning('planned_walk_id')
          .executeTakeFirstOrThrow();
        await tx
          .updateTable('walks')
          .set({ planned_walk_id: planned.planned_walk_id })
          .where('walk_id', '=', w.walk_id)
          .execute();
      }
    });
  });
  afterAll(() => t?.close());

  async function as(email: string) {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  }
  const byRule = (rows: Row[]) => new Map(rows.map((r) => [r.rule, r]));

  it('shows every rule kept, with its evidence, and names no teacher', async () => {
    const leader = await as(trust.email('school_leader', 'South'));
    const res = await leader.get(
      `/api/schools/${trust.school('South')}/programmes/${kept}/protocol-report`,
    );
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.title).toBe('Protocol report: Autumn 2026 learning walks');
    expect(report.scope).toMatchObject({ kind: 'programme', id: kept, schoolName: 'South' });
    expect(report.walks).toBe(3);
    expect(report.visits).toBe(4);
    expect(report.allKept).toBe(true);
    // Thirteen rules, in order; what the report cannot measure says so, never "kept".
    expect(report.rows.map((r: Row) => [r.number, r.rule, r.status])).toEqual([
      [1, 'programme', 'kept'],
      [2, 'focus', 'kept'],
      [3, 'observers', 'kept'],
      [4, 'notice', 'kept'],
      [5, 'visit_cap', 'kept'],
      // Every walk records against a focus of a published framework (its look-fors and
      // student-voice prompts re-checked here).
      [6, 'no_evaluation', 'kept'],
      [7, 'student_voice', 'kept'],
      [8, 'teachers_see_records', 'not_applicable'],
      [9, 'neutral_language', 'not_applicable'],
      [10, 'aggregates_only', 'not_measured'],
      [11, 'reviews', 'not_applicable'],
      [12, 'concerns', 'not_applicable'],
      [13, 'rooms_per_hour', 'kept'],
    ]);
    const rows = byRule([...report.rows, ...report.otherChecks]);
    expect(rows.get('concerns')!.evidence).toEqual([
      'No concerns about how walks are run were raised.',
    ]);
    expect(rows.get('programme')!.evidence).toContain(
      '3 walks carried out a planned walk of the agreed programme; 0 walks one added by an agreed amendment.',
    );
    expect(rows.get('programme')!.evidence).toContain(
      'Agreed on Thu 10 Sep 2026; how: Staff meeting; union rep consulted.',
    );
    expect(rows.get('programme')!.evidence).toContain('Published to all staff on Mon 14 Sep 2026.');
    expect(rows.get('notice')!.evidence).toContain('Notices sent on Mon 23 Nov 2026 (3 visits).');
    expect(rows.get('notice')!.evidence).toContain(
      'Shortest notice: 3 school days (the rule is at least 2 school days).',
    );
    expect(rows.get('observers')!.evidence).toContain('Most observers on any walk: 1 (limit 2).');
    expect(rows.get('visit_cap')!.evidence[0]).toContain('the most any teacher had was 1');
    expect(rows.get('spread')!.status).toBe('kept');
    expect(report.distributions).toMatchObject({
      visitsPerTeacher: [{ visits: 1, teachers: 3 }],
      // Monday 30 November: three school days ahead; Wednesday 2 December: five (the INSET day on
      // Friday 27 November does not count).
      noticeSchoolDays: [
        { schoolDays: 3, visits: 2 },
        { schoolDays: 5, visits: 1 },
      ],
      // Different times (issue 16): the same three visits by weekday and half term (the
      // fixture's autumn term has no half-term holiday, so it is split at its midpoint).
      byWeekday: [
        { weekday: 'Monday', visits: 2 },
        { weekday: 'Tuesday', visits: 0 },
        { weekday: 'Wednesday', visits: 1 },
        { weekday: 'Thursday', visits: 0 },
        { weekday: 'Friday', visits: 0 },
      ],
      byHalfTerm: [{ halfTerm: 'Autumn 2026, second half', visits: 3 }],
    });
    const byPeriod = report.distributions.byPeriod as { period: string; visits: number }[];
    expect(byPeriod.map((p) => p.period).slice(0, 2)).toEqual(['P1', 'P2']);
    expect(byPeriod.reduce((n, p) => n + p.visits, 0)).toBe(3);
    expect(report.settings).toMatchObject({ maxObservers: 2, cap: '3 visits a school year' });
    // No teacher's name or id anywhere in the report.
    const text = JSON.stringify(report);
    for (const role of ['teacher', 'observer', 'site_manager'] as const) {
      const email = trust.email(role, 'South');
      expect(text).not.toContain(trust.person(email));
      expect(text).not.toContain(`South ${role.replace('_', ' ')}`);
    }
  });

  it('shows the rules broken, and how', async () => {
    const teacher = await as(trust.email('teacher'));
    const res = await teacher.get(
      `/api/schools/${trust.school('North')}/programmes/${broken}/protocol-report`,
    );
    expect(res.status).toBe(200);
    expect(res.body.allKept).toBe(false);
    const rows = byRule(res.body.rows);
    expect(res.body.rows).toHaveLength(13);
    expect(rows.get('observers')).toMatchObject({ status: 'broken', violations: 1 });
    expect(rows.get('observers')!.evidence).toContain('Most observers on any walk: 3 (limit 2).');
    expect(rows.get('focus')!.status).toBe('broken');
    expect(rows.get('notice')!.status).toBe('broken');
    expect(rows.get('notice')!.evidence).toContain(
      'Shortest notice: 0 school days (the rule is at least 2 school days).',
    );
    expect(rows.get('visit_cap')!.status).toBe('broken');
    expect(rows.get('visit_cap')!.evidence[0]).toContain('the most any teacher had was 4');
    expect(rows.get('programme')!.status).toBe('kept');
    expect(rows.get('rooms_per_hour')!.status).toBe('kept');
    expect(res.body.distributions.visitsPerTeacher).toEqual([{ visits: 4, teachers: 1 }]);
    expect(JSON.stringify(res.body)).not.toContain(trust.person(trust.email('teacher')));
  });

  it('reports a whole term of the school calendar', async () => {
    const leader = await as(trust.email('school_leader'));
    const termId = await withTenant(t.db, trust.trustId, async (tx) => {
      const row = await tx
        .selectFrom('school_terms')
        .select('term_id')
        .where('school_id', '=', trust.school('North'))
        .where('name', '=', 'Autumn 2026')
        .executeTakeFirstOrThrow();
      return row.term_id;
    });
    const res = await leader.get(
      `/api/schools/${trust.school('North')}/protocol-report?termId=${termId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Protocol report: Autumn 2026');
    expect(res.body.scope).toMatchObject({
      kind: 'term',
      startsOn: '2026-09-02',
      endsOn: '2026-12-18',
    });
    expect(res.body.walks).toBe(4);
    const missing = await leader.get(`/api/schools/${trust.school('North')}/protocol-report`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('termId');
  });

  it('is for the school’s own staff; another school’s programme or another trust’s is not found', async () => {
    const site = await as(trust.email('site_manager'));
    const refused = await site.get(
      `/api/schools/${trust.school('North')}/programmes/${broken}/protocol-report`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    const southLeader = await as(trust.email('school_leader', 'South'));
    expect(
      (
        await southLeader.get(
          `/api/schools/${trust.school('North')}/programmes/${broken}/protocol-report`,
        )
      ).status,
    ).toBe(403);
    // The North programme under the South school's id: not found.
    const mismatched = await southLeader.get(
      `/api/schools/${trust.school('South')}/programmes/${broken}/protocol-report`,
    );
    expect(mismatched.status).toBe(404);

    const stranger = await as(other.email('trust_admin'));
    const elsewhere = await stranger.get(
      `/api/schools/${trust.school('South')}/programmes/${kept}/protocol-report`,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('not_found');

    const trustLeader = await as(trust.email('trust_leader'));
    expect(
      (
        await trustLeader.get(
          `/api/schools/${trust.school('South')}/programmes/${kept}/protocol-report`,
        )
      ).status,
    ).toBe(200);
  });
});
