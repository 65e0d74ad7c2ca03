import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectJpeg } from '../src/domain/records/photos.ts';
import { withExifGps } from '../src/domain/records/testing.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { createWalkRows, type TestWalk } from '../src/server/testing/factories.ts';
import { browserTestsEnabled, chromiumPath, startDemoServer } from './browser.ts';

/**
 * Capture on a phone, offline (issue 6), in Chromium with a phone viewport: a walk of four
 * visits recorded with no connection, the browser closed and started again on the same
 * profile, then synced; the sign-out warning; and axe-core on every capture screen.
 */

const demo = demoTrust();
const school = demo.schools[0]!;
const observer = school.staff.find((s) => s.roles.includes('observer'))!;
const phone = { width: 390, height: 844 };
// The same switches as launchChromium, for a persistent profile.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function launchPhone(
  profile: string,
  options: { bypassCSP?: boolean; javaScriptEnabled?: boolean; serviceWorkers?: 'block' } = {},
) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args,
    viewport: phone,
    hasTouch: true,
    serviceWorkers: 'allow',
    ...options,
  });
}

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(observer.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

/** A real JPEG (drawn by the browser) with a phone camera's EXIF GPS block spliced in. */
async function photoWithGps(page: Page) {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2d6a4f';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#ffd166';
    g.fillRect(300, 300, 1200, 600);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  const jpeg = withExifGps(new Uint8Array(Buffer.from(base64, 'base64')));
  expect(inspectJpeg(jpeg)).toMatchObject({ ok: true, hasExif: true, hasGps: true });
  return Buffer.from(jpeg);
}

describe.runIf(browserTestsEnabled())('capture on a phone, offline, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let trustId: string;
  let walk: TestWalk;
  const profiles: string[] = [];
  const profile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-capture-'));
    profiles.push(dir);
    return dir;
  };

  beforeAll(async () => {
    server = await startDemoServer();
    const identity = await server.db
      .selectFrom('auth_identities')
      .select(['trust_id', 'person_id'])
      .where('email', '=', observer.email)
      .executeTakeFirstOrThrow();
    trustId = identity.trust_id;
    const today = localDate(new Date(), 'Europe/London');
    // Today's walk, published, prior warning given, observed by the demo observer. Teachers
    // with no visit today, so the one-visit-a-day rule holds beside the demo's own walks.
    const { schoolId, teacherIds } = await withTenant(server.db, trustId, async (tx) => {
      const s = await tx
        .selectFrom('schools')
        .select('school_id')
        .where('name', '=', school.name)
        .executeTakeFirstOrThrow();
      const busy = new Set(
        (
          await tx
            .selectFrom('visits')
            .select('teacher_id')
            .where('visit_date', '=', today)
            .execute()
        ).map((v) => v.teacher_id),
      );
      const emails = school.staff
        .filter((p) => p.roles.includes('teacher') && p.email !== observer.email)
        .map((p) => p.email);
      const people = await tx
        .selectFrom('people')
        .select(['person_id', 'email'])
        .where('email', 'in', emails)
        .execute();
      return {
        schoolId: s.school_id,
        teacherIds: people
          .map((p) => p.person_id)
          .filter((id) => !busy.has(id))
          .slice(-4),
      };
    });
    expect(teacherIds).toHaveLength(4);
    walk = await createWalkRows(server.db, {
      trustId,
      schoolId,
      observerIds: [identity.person_id],
      teacherIds,
      date: today,
    });
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  });

  it('records four visits offline, survives closing the browser, and syncs exactly those records', async () => {
    const dir = profile();
    let context: BrowserContext = await launchPhone(dir);
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.baseUrl);
    await page
      .getByRole('main')
      .getByRole('link', { name: /^My walks/ })
      .click();
    await page.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    // The service worker has the app shell before the connection goes.
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
      null,
      { timeout: 30_000 },
    );
    // From the next load on, the service worker answers for the app: it works with no connection.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 30_000,
    });
    await page.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    await page.getByRole('link', { name: /Talk for learning/ }).click();
    await page.getByText(/Stored on this device/).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Room' }).count()).toBe(4);

    await context.setOffline(true);
    const photo = await photoWithGps(page);
    await page.getByRole('link', { name: /Room 1/ }).click();
    const notes: string[] = [];
    for (let n = 1; n <= 4; n++) {
      await page.getByRole('heading', { name: `Room ${n} · 8X/${n}`, level: 1 }).waitFor();
      const group = (prompt: string) => page.getByRole('group', { name: prompt });
      await group('Pupils explain their reasoning to a partner')
        .getByText('Most pupils', { exact: true })
        .click();
      await group('Pupils use the word wall')
        .getByText(n % 2 ? 'Seen' : 'Not seen', { exact: true })
        .click();
      for (let i = 0; i < n; i++) {
        await page.getByRole('button', { name: /one more: Questions asked by pupils/ }).click();
      }
      const field = page.getByLabel('Notes', { exact: true });
      if (n === 2) {
        // Live neutral-language check: flagged as typed, never blocking.
        await field.fill('Behaviour was poor at the back.');
        await page.locator('mark', { hasText: 'poor' }).waitFor();
        expect(await page.getByText(/Try: /).count()).toBeGreaterThan(0);
      }
      const text = `Room ${n}: most pupils explained their reasoning to a partner.`;
      await field.fill(text);
      notes.push(text);
      await page.getByLabel('What are you learning today, and why?').fill(`Fractions, room ${n}.`);
      if (n === 1) {
        await page.getByText('never faces').waitFor();
        await page.locator('input[type=file]:not([capture])').setInputFiles({
          name: 'wall-display.jpg',
          mimeType: 'image/jpeg',
          buffer: photo,
        });
        await page.getByText('1 photo with this record.').waitFor();
      }
      await expect
        .poll(() => page.locator('.visit-status').textContent())
        .toContain('Saved on this device');
      if (n < 4) await page.getByRole('button', { name: `Next room: Room ${n + 1}` }).click();
      else await page.getByRole('link', { name: 'Finish: review and hand in' }).click();
    }
    await page.getByRole('heading', { name: 'Review and hand in' }).waitFor();
    await expect.poll(() => page.getByText('Saved on this device').count()).toBe(4);
    // The app itself opens with no connection (service worker), for the same person.
    await page.goto(`${server.baseUrl}/capture`);
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.getByRole('link', { name: /Talk for learning/ }).waitFor();
    await expect.poll(() => page.getByText('4 records not sent yet').count()).toBe(1);
    // Nothing reached the server.
    const none = await withTenant(server.db, trustId, (tx) =>
      tx.selectFrom('records').select('record_id').where('walk_id', '=', walk.walkId).execute(),
    );
    expect(none).toEqual([]);
    await context.close();

    // Start the browser again on the same profile, still offline: everything is there.
    context = await launchPhone(dir);
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.baseUrl}/capture/walks/${walk.walkId}`);
    await page.getByRole('heading', { name: 'Talk for learning', level: 1 }).waitFor();
    await expect.poll(() => page.getByText('Saved on this device').count()).toBe(4);

    // Back online: the outbox sends in the background, and the device lets go of them.
    await context.setOffline(false);
    await expect
      .poll(() => page.getByText('Sent', { exact: true }).count(), { timeout: 30_000 })
      .toBe(4);
    const rows = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('records')
        .select(['record_id', 'visit_id', 'body', 'version_no'])
        .where('walk_id', '=', walk.walkId)
        .execute(),
    );
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.body.notes).sort()).toEqual([...notes].sort());
    expect(new Set(rows.map((r) => r.visit_id))).toEqual(new Set(walk.visitIds));
    for (const r of rows) {
      expect(r.version_no).toBe(1);
      expect(r.body.answers).toHaveLength(3);
      expect(r.body.studentVoice).toHaveLength(1);
    }
    const photos = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('record_photos')
        .select(['record_id', 'bytes', 'width', 'height'])
        .where(
          'record_id',
          'in',
          rows.map((r) => r.record_id),
        )
        .execute(),
    );
    expect(photos).toHaveLength(1);
    const stored = inspectJpeg(new Uint8Array(photos[0]!.bytes));
    // Resized on the device (1600 px on the long side) and no EXIF, no GPS.
    expect(stored).toMatchObject({
      ok: true,
      width: 1600,
      height: 1200,
      hasExif: false,
      hasGps: false,
    });
    // Acknowledged records are no longer in the device's outbox.
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('learning-walks-capture');
          open.onsuccess = () => {
            const count = open.result.transaction('records').objectStore('records').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(left).toBe(0);

    // Hand in: the records are the observer's to hand in once sent.
    await page.getByRole('link', { name: 'Review and hand in' }).click();
    await page.getByRole('button', { name: 'Hand in my records' }).click();
    await page.getByText('Handed in 4 records').waitFor();
    await context.close();
  });

  it('warns on sign-out with records not yet sent, and keeps them', async () => {
    const context = await launchPhone(profile());
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.baseUrl);
    await page.goto(`${server.baseUrl}/capture/walks/${walk.walkId}`);
    await page.getByText(/Stored on this device/).waitFor();
    await context.setOffline(true);
    await page.getByRole('link', { name: /Room 3/ }).click();
    await page.getByRole('heading', { name: 'Room 3 · 8X/3', level: 1 }).waitFor();
    await page.getByLabel('Notes', { exact: true }).fill('Pupils were measuring with rulers.');
    await expect
      .poll(() => page.locator('.visit-status').textContent())
      .toContain('Saved on this device');

    const messages: string[] = [];
    page.once('dialog', async (dialog) => {
      messages.push(dialog.message());
      await dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toContain('One record has not reached the server yet');
    expect(messages[0]).toContain('Room 3');
    expect(messages[0]).toContain('stay on this device');
    // Still signed in, and the record is still here.
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    expect(await page.locator('.visit-status').textContent()).toContain('Saved on this device');
    expect(await page.getByLabel('Notes', { exact: true }).inputValue()).toBe(
      'Pupils were measuring with rulers.',
    );
    await context.close();
  });

  it('opens with its walks in the HTML, readable before any script, and React takes it over without asking again (issue 22)', async () => {
    const context = await launchPhone(profile(), { serviceWorkers: 'block' });
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.baseUrl);

    // No JavaScript at all: what a phone shows while the scripts are still on their way.
    const bare = await launchPhone(profile(), {
      javaScriptEnabled: false,
      serviceWorkers: 'block',
    });
    await bare.addCookies(await context.cookies());
    const barePage = bare.pages()[0] ?? (await bare.newPage());
    const response = await barePage.goto(`${server.baseUrl}/capture`);
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await barePage.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    const link = barePage.getByRole('link', { name: /Talk for learning/ });
    expect(await link.getAttribute('href')).toBe(`/capture/walks/${walk.walkId}`);
    expect(await barePage.getByText(observer.fullName).count()).toBe(1);
    // Styled as the app styles it, before any script: the capture screens' own styles come in
    // the page (its 44-pixel touch targets), not added later by their script.
    expect(await link.evaluate((a) => getComputedStyle(a).minHeight)).toBe('44px');
    await bare.close();

    // Signed out, the same address is the empty shell: nobody's walks.
    const stranger = await launchPhone(profile(), {
      javaScriptEnabled: false,
      serviceWorkers: 'block',
    });
    const strangerPage = stranger.pages()[0] ?? (await stranger.newPage());
    await strangerPage.goto(`${server.baseUrl}/capture`);
    expect(await strangerPage.locator('#root').innerHTML()).toBe('');
    await stranger.close();

    // With JavaScript: React takes over the page the server drew, with the session it came with.
    const asked: string[] = [];
    const documents: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname);
      if (r.resourceType() === 'document') documents.push(url.pathname);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.baseUrl}/capture`);
    await page.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    await page.getByRole('link', { name: /Talk for learning/ }).click();
    await page.getByText(/Stored on this device/).waitFor();
    // One document: the walk opened inside the app, so React had taken the links over.
    expect(documents).toEqual(['/capture']);
    expect(asked.filter((p) => p === '/api/me' || p === '/api/me/mfa')).toEqual([]);
    expect(errors.filter((e) => /did not match/.test(e))).toEqual([]);
    // The session's form token came with the page: signing out (a POST) is accepted.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email address').waitFor();
    expect(asked).toContain('/api/auth/logout');
    await context.close();
  });

  it('the capture screens pass axe-core with no serious or critical violations', async () => {
    const context = await launchPhone(profile(), { bypassCSP: true });
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.baseUrl);
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const audit = async (what: string) => {
      await page.addScriptTag({ path: axePath });
      const { passes, violations } = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
        const axe = (window as any).axe;
        const result = await axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
          },
        });
        const violations = result.violations.map(
          (v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
            id: v.id,
            impact: v.impact,
            targets: v.nodes.map((n) => n.target.join(' ')),
          }),
        );
        return { passes: result.passes.length as number, violations };
      });
      expect(passes, `axe ran its checks on ${what}`).toBeGreaterThan(10);
      if (process.env.CAPTURE_SCREENSHOTS) {
        await page.screenshot({
          path: `/tmp/capture-${what.replace(/\W+/g, '-')}.png`,
          fullPage: true,
        });
      }
      const serious = violations.filter(
        (v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious, what).toEqual([]);
    };
    await page.goto(`${server.baseUrl}/capture`);
    await page.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    await audit('My walks');
    await page.goto(`${server.baseUrl}/capture/walks/${walk.walkId}`);
    await page.getByText(/Stored on this device/).waitFor();
    await audit('the walk: brief and route');
    await page.getByRole('link', { name: /Room 4/ }).click();
    await page.getByRole('heading', { name: 'Room 4 · 8X/4', level: 1 }).waitFor();
    await page.getByLabel('Notes', { exact: true }).waitFor();
    await page.getByText('Some pupils', { exact: true }).click();
    await page.getByLabel('Notes', { exact: true }).fill('Mr Smith was poor at questioning.');
    await page.locator('mark').first().waitFor();
    await audit('a visit, with a language finding shown');
    await page.goto(`${server.baseUrl}/capture/walks/${walk.walkId}/review`);
    await page.getByRole('heading', { name: 'Review and hand in' }).waitFor();
    await audit('review and hand in');
    await context.close();
  });
});
