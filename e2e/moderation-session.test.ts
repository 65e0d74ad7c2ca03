import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Issue 15 in Chromium, at phone width, on the demo trust: a trust leader sets up a moderation
 * session on a practice scene; two observers from two schools record it, each on their own; the
 * leader shows the readings, notes an agreed reading (a verdict on the teacher is refused first)
 * and makes it guidance; the new draft version's look-for carries it.
 */
const demo = demoTrust();
const [oakfield, riverside, hillcrest] = demo.schools as [
  (typeof demo.schools)[0],
  (typeof demo.schools)[0],
  (typeof demo.schools)[0],
];
const observerOf = (s: typeof oakfield) =>
  s.staff.find((p) => p.roles.length === 2 && p.roles.includes('observer'))!;
const first = observerOf(oakfield);
const second = observerOf(riverside);
const third = observerOf(hillcrest);
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;
const AGREED = 'Most pupils say at least one step of their reasoning aloud to a partner.';

describe.runIf(browserTestsEnabled())('a moderation session, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let versionLabel = '';
  let lookFor = { id: '', prompt: '' };
  const sceneTitle = 'A Year 6 maths lesson';

  async function api(email: string) {
    const c = new Client(server.baseUrl);
    await c.signIn(email, DEMO_PASSWORD);
    return c;
  }

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const trustId = (
      await server.db
        .selectFrom('auth_identities')
        .select('trust_id')
        .where('email', '=', trustLeader.email)
        .executeTakeFirstOrThrow()
    ).trust_id;
    const found = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('framework_look_fors as lf')
        .innerJoin('framework_versions as v', 'v.version_id', 'lf.version_id')
        .innerJoin('frameworks as f', 'f.framework_id', 'v.framework_id')
        .select(['v.version_id', 'v.version_no', 'f.name', 'lf.look_for_id', 'lf.prompt'])
        .where('v.status', '=', 'published')
        .where('f.kind', '=', 'learning')
        .where('lf.answer_kind', '=', 'prevalence')
        .where('lf.audience', '=', 'observer')
        .orderBy('f.name')
        .orderBy('v.version_no', 'desc')
        .executeTakeFirstOrThrow(),
    );
    versionLabel = `${found.name}, version ${found.version_no}`;
    lookFor = { id: found.look_for_id, prompt: found.prompt };
    const scene = await (await api(trustLeader.email)).post('/api/training/scenes', {
      versionId: found.version_id,
      title: sceneTitle,
      scene: 'Most pupils tell a partner how they worked out the sum; a few pupils work alone.',
      reference: { [lookFor.id]: 'most' },
    });
    expect(scene.status, JSON.stringify(scene.body)).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

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

  async function record(email: string, sessionUrl: string, answer: string) {
    const page = await phone(email);
    await page.goto(sessionUrl);
    const scene = main(page).getByRole('article', { name: sceneTitle });
    await scene.waitFor({ timeout: 30_000 });
    await scene.getByRole('group', { name: lookFor.prompt }).getByLabel(answer).check();
    await scene.getByRole('button', { name: 'Hand in my reading' }).click();
    await expect
      .poll(() => scene.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('yours is in');
    return page;
  }

  it('a leader sets up a session, two observers record a scene, the leader reveals, agrees a reading and makes it guidance', async () => {
    // The leader sets up the session from the menu's page.
    const leader = await phone(trustLeader.email);
    await leader.goto(`${server.baseUrl}/moderation`);
    const form = main(leader).getByRole('region', { name: 'Run a session' });
    await form.getByLabel('Title').waitFor({ timeout: 30_000 });
    await form.getByLabel('Title').fill('Autumn moderation');
    await form.getByLabel('Framework version').selectOption({ label: versionLabel });
    await form.getByLabel(sceneTitle).check();
    for (const p of [first, second, third]) {
      await form.getByLabel(p.fullName, { exact: true }).check();
    }
    await axeSerious(leader, 'the moderation page with a session being set up');
    await form.getByRole('button', { name: 'Set up the session' }).click();
    await main(leader)
      .getByRole('heading', { name: 'Autumn moderation', level: 1 })
      .waitFor({ timeout: 30_000 });
    const sessionUrl = leader.url();

    // Two observers record the scene, each on their own: the first sees nothing of the second.
    const one = await record(first.email, sessionUrl, 'Most pupils');
    await record(second.email, sessionUrl, 'Some pupils');
    await one.reload();
    const oneScene = main(one).getByRole('article', { name: sceneTitle });
    await oneScene.waitFor({ timeout: 30_000 });
    expect(await oneScene.textContent()).toContain('2 of 3 handed in');
    expect(await oneScene.textContent()).not.toContain('Some pupils: ');

    // The leader shows the readings; under k readings only each person's own is shown.
    await leader.reload();
    await main(leader).getByRole('button', { name: 'Show the readings now' }).click();
    await one.reload();
    const spread = main(one).getByRole('region', { name: `How the session read ${sceneTitle}` });
    await spread.waitFor({ timeout: 30_000 });
    expect(await spread.textContent()).toContain('Your reading: Most pupils');
    expect(await spread.textContent()).toContain('the spread is hidden');
    await axeSerious(one, 'a moderation session with readings shown');

    // An agreed reading that rates the teacher is refused, with the reason; a neutral one is kept.
    const agreed = main(leader).getByRole('article', { name: `Agreed reading: ${lookFor.prompt}` });
    await agreed.getByLabel('Agreed reading').fill('The teacher was excellent at questioning.');
    await agreed.getByRole('button', { name: 'Save the agreed reading' }).click();
    await expect
      .poll(() => agreed.textContent(), { timeout: 30_000 })
      .toContain('never rates a teacher');
    await agreed.getByLabel('Agreed reading').fill(AGREED);
    await agreed.getByRole('button', { name: 'Save the agreed reading' }).click();
    await expect
      .poll(() => agreed.textContent(), { timeout: 30_000 })
      .toContain(`Agreed (what it looks like): ${AGREED}`);

    // The agreed reading becomes guidance in a new draft version, with continuity.
    await main(leader)
      .getByRole('button', { name: 'Make a new draft version with this guidance' })
      .click();
    const link = main(leader).getByRole('link', { name: /^draft version \d+$/ });
    await link.waitFor({ timeout: 30_000 });
    await axeSerious(leader, 'a moderation session whose readings became guidance');
    await link.click();
    const draftPath = new URL(leader.url()).pathname;
    const version = await (await api(trustLeader.email)).get(`/api${draftPath}`);
    expect(version.status).toBe(200);
    const lookFors = version.body.body.lenses.flatMap(
      (l: { lookFors: unknown[] }) => l.lookFors,
    ) as {
      key: string;
      prompt: string;
      continues: string | null;
      guidance: { looksLike?: string };
    }[];
    const carried = lookFors.find((f) => f.prompt === lookFor.prompt)!;
    expect(carried.continues).toBe(carried.key);
    expect(carried.guidance.looksLike).toBe(AGREED);
    const field = main(leader).locator(`#lf-${carried.key}-looks`);
    await field.waitFor({ timeout: 30_000 });
    expect(await field.inputValue()).toBe(AGREED);
  }, 240_000);
});
