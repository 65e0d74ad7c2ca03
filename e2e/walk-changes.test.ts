import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchoolDays } from '../src/domain/calendar/calendar.ts';
import { fromMinutes, toMinutes } from '../src/domain/protocol/time.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD } from '../src/server/demo/demo-trust.ts';
import { loadCalendar } from '../src/server/kernel/school-rules.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * Issue 5, changes after publication: a leader moves a visit of a published walk inside the
 * notice period; its teacher, on a phone, is asked to agree and declines, which cancels it.
 */
describe.runIf(browserTestsEnabled())(
  'a visit moved after publication, declined by its teacher',
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startDemoServer>>;
    let trustId: string;
    let leader: { email: string; personId: string; schoolId: string };
    let programmeId: string;
    let walkDate: string;
    let focusId: string;

    // The server's clock runs from a fixed Tuesday in the demo's autumn term, so the walk seven
    // school days ahead falls inside the published programme whatever today's date is.
    const offset = Date.parse('2026-11-10T08:00:00Z') - Date.now();
    const serverNow = () => new Date(Date.now() + offset);

    beforeAll(async () => {
      server = await startDemoServer({ now: serverNow });
      browser = await launchChromium();
      trustId = (
        await server.db
          .selectFrom('auth_identities')
          .select('trust_id')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).trust_id;
      await withTenant(server.db, trustId, async (tx) => {
        // A school leader who teaches no lessons, so they can observe any of them.
        const head = await tx
          .selectFrom('memberships as m')
          .innerJoin('people as p', 'p.person_id', 'm.person_id')
          .innerJoin('schools as s', 's.school_id', 'm.school_id')
          .select(['p.email', 'p.person_id', 'm.school_id'])
          .where('m.role', '=', 'school_leader')
          .where('s.phase', '=', 'secondary')
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('memberships as t')
                  .select('t.person_id')
                  .whereRef('t.person_id', '=', 'm.person_id')
                  .where('t.role', '=', 'teacher'),
              ),
            ),
          )
          .orderBy('p.full_name')
          .executeTakeFirstOrThrow();
        leader = { email: head.email, personId: head.person_id, schoolId: head.school_id! };
        programmeId = (
          await tx
            .selectFrom('programmes')
            .select('programme_id')
            .where('school_id', '=', leader.schoolId)
            .where('status', '=', 'published')
            .executeTakeFirstOrThrow()
        ).programme_id;
        // Every walk records against a published framework version: one of the school's foci.
        focusId = (
          await tx
            .selectFrom('foci')
            .select('focus_id')
            .where('school_id', '=', leader.schoolId)
            .orderBy('title')
            .executeTakeFirstOrThrow()
        ).focus_id;
        const school = await tx
          .selectFrom('schools')
          .selectAll()
          .where('school_id', '=', leader.schoolId)
          .executeTakeFirstOrThrow();
        const calendar = await loadCalendar(tx, school, null);
        // Seven school days ahead of the server's today has the default notice.
        walkDate = addSchoolDays(calendar, localDate(serverNow(), school.time_zone), 7)!;
        expect(walkDate).toBeTruthy();
        // The walk is one the programme planned and staff agreed (rule 1).
        await tx
          .insertInto('programme_planned_walks')
          .values({
            trust_id: trustId,
            programme_id: programmeId,
            walk_date: walkDate,
            week_of: null,
            window_start: '08:00',
            window_end: '16:00',
            focus_title: 'Pupils explaining their reasoning',
            created_at: serverNow(),
          })
          .execute();
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the leader moves a visit; the teacher is asked to agree on "My visits" and declines', async () => {
      // Set up through the API: a published walk of two visits.
      const api = new Client(server.baseUrl);
      await api.signIn(leader.email, DEMO_PASSWORD);
      const created = await api.post(`/api/schools/${leader.schoolId}/walks`, {
        programmeId,
        date: walkDate,
        windowStart: '09:00',
        windowEnd: '12:00',
        focusId,
        focusTitle: 'Pupils explaining their reasoning',
        purpose: 'To see how pupils explain their thinking in lessons across the school.',
        observerIds: [leader.personId],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const walkId = created.body.walk.id as string;
      const proposed = await api.post(`/api/walks/${walkId}/plan`, { count: 2, seed: 5 });
      expect(proposed.body.proposals.length).toBeGreaterThan(0);
      const accepted = await api.post(`/api/walks/${walkId}/visits`, {
        replace: true,
        visits: proposed.body.proposals.map(
          (p: { lessonId: string; visitStartsAt: string; reasons: string[] }) => ({
            lessonId: p.lessonId,
            startsAt: p.visitStartsAt,
            reasons: p.reasons,
          }),
        ),
      });
      expect(accepted.status).toBe(200);
      expect((await api.post(`/api/walks/${walkId}/publish`)).status).toBe(200);
      // The school now asks for more notice than the walk has left: a change needs agreement.
      const stricter = await api.request('PUT', `/api/schools/${leader.schoolId}/protocol`, {
        noticeSchoolDays: 20,
      });
      expect(stricter.status).toBe(200);

      // A visit with a free start: inside its lesson and the window, clear of the others. The
      // planner's choice varies with the seeded ids, so look at each visit in turn.
      const visits = accepted.body.visits as {
        id: string;
        lessonId: string;
        classCode: string;
        startsAt: string;
        endsAt: string;
      }[];
      const lessons = (await api.get(`/api/walks/${walkId}/lessons`)).body.lessons as {
        lessonId: string;
        startsAt: string;
        endsAt: string;
      }[];
      const freeStart = (visit: (typeof visits)[number]): number | null => {
        const lesson = lessons.find((l) => l.lessonId === visit.lessonId)!;
        const from = Math.max(toMinutes(lesson.startsAt), toMinutes('09:00'));
        const to = Math.min(toMinutes(lesson.endsAt), toMinutes('12:00'));
        const clear = (s: number) =>
          s !== toMinutes(visit.startsAt) &&
          visits.every(
            (o) =>
              o === visit || s + 10 <= toMinutes(o.startsAt) - 15 || s >= toMinutes(o.endsAt) + 15,
          );
        for (let s = from; s + 10 <= to; s += 5) if (clear(s)) return s;
        return null;
      };
      const movable = visits
        .map((v) => ({ visit: v, start: freeStart(v) }))
        .find((c) => c.start !== null);
      expect(movable, 'no visit of the planned walk has a free start to move to').toBeDefined();
      const visit = movable!.visit;
      const start = movable!.start!;
      const newStart = fromMinutes(start);

      // The leader moves it on the walk's page.
      const desk = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await desk.newPage();
      await page.goto(server.baseUrl);
      await page.getByLabel('Email address').fill(leader.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
      await page.goto(`${server.baseUrl}/walks/${walkId}`);
      const row = page.getByRole('row').filter({ hasText: visit.classCode });
      await row.getByRole('button', { name: 'Move', exact: true }).click();
      await row.getByLabel('New start time (same day)').fill(newStart);
      await row.getByRole('button', { name: 'Move the visit' }).click();
      await row.getByText('waiting for the teacher to agree').waitFor();
      expect(await row.textContent()).toContain(newStart);
      await desk.close();

      const teacher = await withTenant(server.db, trustId, (tx) =>
        tx
          .selectFrom('visits as v')
          .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
          .select(['p.email', 'v.needs_teacher_agreement'])
          .where('v.visit_id', '=', visit.id)
          .executeTakeFirstOrThrow(),
      );
      expect(teacher.needs_teacher_agreement).toBe(true);

      // The teacher, on a phone, declines on "My visits".
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const mine = await phone.newPage();
      await mine.goto(server.baseUrl);
      await mine.getByLabel('Email address').fill(teacher.email);
      await mine.getByLabel('Password').fill(DEMO_PASSWORD);
      await mine.getByRole('button', { name: 'Sign in' }).click();
      await mine.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
      await mine.goto(`${server.baseUrl}/my-visits`);
      const card = mine.getByRole('listitem').filter({ hasText: 'Your agreement is needed' });
      await card.waitFor();
      expect(await card.textContent()).toContain(newStart);
      await card.getByRole('button', { name: 'I do not agree' }).click();
      await card
        .getByLabel('Anything you would like the walk leader to know (optional)')
        .fill('A test that lesson.');
      await card.getByRole('button', { name: /^Decline/ }).click();
      await expect
        .poll(() => mine.getByText('Your agreement is needed').count(), { timeout: 10_000 })
        .toBe(0);
      await phone.close();

      const after = await withTenant(server.db, trustId, (tx) =>
        tx
          .selectFrom('visits')
          .select('status')
          .where('visit_id', '=', visit.id)
          .executeTakeFirstOrThrow(),
      );
      expect(after.status).toBe('cancelled');
    });
  },
);
