import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Issue 15 in Chromium, at phone width, on the demo trust. A trainee records a practice scene and
 * sees where they differ from the agreed reading. Then the science network's lead (an observer at
 * Oakfield) proposes a calibration walk at Hillcrest with an observer from Riverside; Hillcrest's
 * head agrees; both observers record the same room on the capture screens and hand in; the
 * trust's agreement page shows the look-for's kappa with n; the trust leader sees training progress
 * per school; the host's head opens the walk's debrief and the visiting observer reads it.
 */
const demo = demoTrust();
const [oakfield, riverside, hillcrest] = demo.schools as [
  (typeof demo.schools)[0],
  (typeof demo.schools)[0],
  (typeof demo.schools)[0],
];
const observerOf = (s: typeof oakfield) =>
  s.staff.find((p) => p.roles.length === 2 && p.roles.includes('observer'))!;
const lead = observerOf(oakfield);
const partner = observerOf(riverside);
const head = hillcrest.staff.find((s) => s.roles.length === 1 && s.roles[0] === 'school_leader')!;
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;

describe.runIf(browserTestsEnabled())(
  'observer training and a walk across schools, in Chromium',
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startDemoServer>>;
    let trustId = '';
    let versionId = '';
    let lookFor = { id: '', prompt: '', kind: '' };
    let hostId = '';
    const today = localDate(new Date(), 'Europe/London');

    async function api(email: string) {
      const c = new Client(server.baseUrl);
      await c.signIn(email, DEMO_PASSWORD);
      return c;
    }

    beforeAll(async () => {
      server = await startDemoServer();
      browser = await launchChromium();
      trustId = (
        await server.db
          .selectFrom('auth_identities')
          .select('trust_id')
          .where('email', '=', lead.email)
          .executeTakeFirstOrThrow()
      ).trust_id;
      const found = await withTenant(server.db, trustId, async (tx) => {
        const host = await tx
          .selectFrom('schools')
          .select('school_id')
          .where('name', '=', hillcrest.name)
          .executeTakeFirstOrThrow();
        const focus = await tx
          .selectFrom('foci')
          .innerJoin('focus_look_fors as fl', 'fl.focus_id', 'foci.focus_id')
          .innerJoin('framework_look_fors as lf', 'lf.look_for_id', 'fl.look_for_id')
          .select(['foci.version_id', 'lf.look_for_id', 'lf.prompt', 'lf.answer_kind'])
          .where('foci.school_id', '=', host.school_id)
          .where('foci.title', '=', 'Teaching and learning across the school')
          .where('lf.answer_kind', '=', 'prevalence')
          .where('lf.audience', '=', 'observer')
          .executeTakeFirstOrThrow();
        return { hostId: host.school_id, focus };
      });
      hostId = found.hostId;
      versionId = found.focus.version_id;
      lookFor = {
        id: found.focus.look_for_id,
        prompt: found.focus.prompt,
        kind: found.focus.answer_kind,
      };
      // The trust writes a practice scene, and sets up the science network (its lead at Oakfield).
      const leader = await api(trustLeader.email);
      const scene = await leader.post('/api/training/scenes', {
        versionId,
        title: 'A Year 5 science lesson',
        scene:
          'Most pupils talk with a partner about their prediction; a few pupils wait without talking.',
        reference: { [lookFor.id]: 'most' },
        reasons: { [lookFor.id]: 'The scene says most pupils talk with a partner.' },
      });
      expect(scene.status, JSON.stringify(scene.body)).toBe(201);
      const network = await leader.post('/api/networks', {
        name: 'Science network',
        members: [
          { personId: await personId(lead.email), lead: true },
          { personId: await personId(partner.email), lead: false },
        ],
      });
      expect(network.status, JSON.stringify(network.body)).toBe(201);
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function personId(email: string) {
      const row = await server.db
        .selectFrom('auth_identities')
        .select('person_id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return row.person_id;
    }

    const main = (page: Page) => page.getByRole('main');
    const phone = async (email: string) => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 780 },
        bypassCSP: true,
      });
      const page = await context.newPage();
      await signIn(page, server.baseUrl, email);
      return page;
    };

    it('a trainee records a practice scene and sees where they differ from the reference, and why', async () => {
      const page = await phone(partner.email);
      await page.goto(`${server.baseUrl}/training/${versionId}`);
      const scene = main(page).getByRole('article', { name: /A Year 5 science lesson/ });
      await scene.waitFor({ timeout: 30_000 });
      await scene.getByRole('group', { name: lookFor.prompt }).getByLabel('Some pupils').check();
      await scene.getByRole('button', { name: 'Compare with the reference' }).click();
      const differences = scene.getByRole('region', { name: 'Differences from the reference' });
      await expect
        .poll(() => differences.textContent(), { timeout: 30_000 })
        .toContain('one step away');
      const text = (await differences.textContent())!;
      expect(text).toContain('Most pupils');
      expect(text).toContain('The scene says most pupils talk with a partner.');
      await axeSerious(page, 'the training page with a scene compared');
    });

    it('a network lead proposes a walk in another school, its head agrees, two observers from two schools record the same room, and the trust sees kappa with n', async () => {
      const before = await (await api(trustLeader.email)).get('/api/trust/agreement');
      const nBefore =
        before.body.lookFors.find((f: { lookForId: string }) => f.lookForId === lookFor.id)?.overall
          .n ?? 0;

      // The lead proposes a calibration walk at Hillcrest.
      const lp = await phone(lead.email);
      await lp.goto(`${server.baseUrl}/walks-across-schools`);
      const form = main(lp).getByRole('region', { name: 'Propose a walk in another school' });
      await form.getByLabel('On behalf of', { exact: true }).waitFor({ timeout: 30_000 });
      await form
        .getByLabel('On behalf of', { exact: true })
        .selectOption({ label: 'Science network' });
      await form.getByLabel('Host school', { exact: true }).selectOption({ label: hillcrest.name });
      await form.getByLabel('Focus (one of the host school’s)').selectOption({
        label: 'Teaching and learning across the school',
      });
      await form.getByLabel('Date', { exact: true }).fill(today);
      await form.getByLabel(new RegExp(`${lead.fullName} \\(`)).check();
      await form.getByLabel(new RegExp(`${partner.fullName} \\(`)).check();
      await form.getByLabel(/A calibration walk/).check();
      await form.getByRole('button', { name: 'Propose the walk' }).click();
      await expect
        .poll(() => form.textContent(), { timeout: 30_000 })
        .toContain(`Proposed. ${hillcrest.name}’s head will agree or decline.`);
      await axeSerious(lp, 'walks across schools, proposed');
      const walkId = (await (await api(lead.email)).get('/api/visiting-walks')).body.walks[0]
        .walkId as string;

      // Hillcrest's head agrees.
      const hp = await phone(head.email);
      await hp.goto(`${server.baseUrl}/walks-across-schools`);
      const walk = main(hp).getByRole('article', {
        name: new RegExp(`^Walk in ${hillcrest.name}`),
      });
      await walk.getByRole('button', { name: 'Agree to this walk' }).click();
      await expect.poll(() => walk.textContent(), { timeout: 30_000 }).toContain('Agreed');

      // The head plans the route (the planner has its own tests): one room, its teacher warned.
      const visitId = await withTenant(server.db, trustId, async (tx) => {
        const busy = (
          await tx
            .selectFrom('visits')
            .select('teacher_id')
            .where('visit_date', '=', today)
            .execute()
        ).map((v) => v.teacher_id);
        const teacher = await tx
          .selectFrom('memberships')
          .select('person_id')
          .where('school_id', '=', hostId)
          .where('role', '=', 'teacher')
          .$if(busy.length > 0, (qb) => qb.where('person_id', 'not in', busy))
          .orderBy('person_id')
          .executeTakeFirstOrThrow();
        const start = new Date(Date.now() - 60 * 60_000);
        const row = await tx
          .insertInto('visits')
          .values({
            trust_id: trustId,
            school_id: hostId,
            walk_id: walkId,
            lesson_id: null,
            teacher_id: teacher.person_id,
            room_id: null,
            room_name: 'Lab 2',
            building: 'Science block',
            floor: 0,
            class_code: '8S/2',
            department: 'Science',
            year_group: 'Year 8',
            visit_date: today,
            planned_start: start,
            planned_end: new Date(start.getTime() + 10 * 60_000),
            route_order: 1,
            invited: false,
            reasons: JSON.stringify([]),
            notice_sent_at: new Date(Date.now() - 5 * 86_400_000),
            needs_teacher_agreement: false,
          })
          .returning('visit_id')
          .executeTakeFirstOrThrow();
        await tx
          .updateTable('walks')
          .set({ status: 'published', published_at: new Date(Date.now() - 5 * 86_400_000) })
          .where('walk_id', '=', walkId)
          .execute();
        return row.visit_id;
      });

      // Both observers record the same room independently on the capture screens, and hand in.
      for (const [email, label] of [
        [lead.email, 'Most pupils'],
        [partner.email, 'Some pupils'],
      ] as const) {
        const page = email === lead.email ? lp : await phone(email);
        await page.goto(`${server.baseUrl}/capture/walks/${walkId}`);
        await page.getByRole('link', { name: /Lab 2/ }).click();
        await page.getByRole('heading', { name: 'Lab 2 · 8S/2', level: 1 }).waitFor();
        await page
          .getByRole('group', { name: lookFor.prompt })
          .getByText(label, { exact: true })
          .click();
        await page
          .getByLabel('Notes', { exact: true })
          .fill('Pupils were talking in pairs about their predictions.');
        await expect
          .poll(() => page.locator('.visit-status').textContent(), { timeout: 30_000 })
          .toContain('Saved on this device');
        await page.getByRole('link', { name: 'Finish: review and hand in' }).click();
        await page.getByRole('heading', { name: 'Review and hand in' }).waitFor();
        await expect
          .poll(() => page.getByText('Sent', { exact: true }).count(), { timeout: 30_000 })
          .toBe(1);
        await page.getByRole('button', { name: 'Hand in my records' }).click();
        await page.getByText(/Handed in 1 record/).waitFor({ timeout: 30_000 });
        if (email === partner.email) await axeSerious(page, 'a visiting observer hands in');
      }
      const recorded = await withTenant(server.db, trustId, (tx) =>
        tx
          .selectFrom('records')
          .select(['body', 'handed_in_at'])
          .where('visit_id', '=', visitId)
          .execute(),
      );
      expect(recorded).toHaveLength(2);
      expect(recorded.every((r) => r.handed_in_at !== null)).toBe(true);
      expect(
        recorded.map((r) => r.body.answers.find((a) => a.lookForId === lookFor.id)?.value).sort(),
      ).toEqual(['most', 'some']);

      // The trust's agreement page: the look-for's kappa, with n one more than before.
      const after = await (await api(trustLeader.email)).get('/api/trust/agreement');
      const figure = after.body.lookFors.find(
        (f: { lookForId: string }) => f.lookForId === lookFor.id,
      ).overall;
      expect(figure.n).toBe(nBefore + 1);
      expect(figure.suppressed).toBe(false);
      const tp = await phone(trustLeader.email);
      await tp.goto(`${server.baseUrl}/agreement`);
      const table = main(tp).getByRole('table', {
        name: 'Agreement per look-for across the trust',
      });
      const row = table.getByRole('row', {
        name: new RegExp(lookFor.prompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      });
      await row.waitFor({ timeout: 30_000 });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells[0]).toBe(String(figure.n));
      expect(cells[2]).toContain(figure.seen.kappa === null ? '–' : figure.seen.kappa.toFixed(2));
      expect(cells[3]).toContain(figure.weighted.kappa.toFixed(2));
      await axeSerious(tp, 'the trust’s agreement page');

      // The trust leader sees how far observers are with their training, per school, naming nobody.
      await tp.goto(`${server.baseUrl}/training`);
      const progress = main(tp).getByRole('region', { name: 'Observers’ training, by school' });
      await progress.getByRole('table').first().waitFor({ timeout: 30_000 });
      const progressText = (await progress.textContent())!;
      expect(progressText).not.toContain(partner.fullName);
      expect(progressText).not.toContain(lead.fullName);
      await axeSerious(tp, 'training progress by school');

      // The host's head opens the walk's debrief and leads it; the visiting observer reads it.
      const opened = await (await api(head.email)).post(`/api/schools/${hostId}/debriefs`, {
        walkIds: [walkId],
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      await hp.goto(`${server.baseUrl}/debriefs/${opened.body.id}`);
      await main(hp).getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
      await main(hp).getByRole('heading', { name: 'Debrief pack' }).waitFor();
      const visitor = await phone(partner.email);
      await visitor.goto(`${server.baseUrl}/debriefs/${opened.body.id}`);
      await main(visitor).getByRole('heading', { name: 'What the debrief agreed' }).waitFor({
        timeout: 30_000,
      });
      await axeSerious(visitor, 'a visiting observer reads the debrief');
    });
  },
);
