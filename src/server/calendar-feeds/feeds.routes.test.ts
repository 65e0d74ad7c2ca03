import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { insertWalk } from '../testing/walk-rows.ts';

type ParsedEvent = {
  uid: string;
  summary: string;
  description: string;
  status: string;
  start: string;
  end: string;
  tzid: string | null;
};

/** Parses a feed with ical.js (an independent parser), resolving times through the feed's own VTIMEZONEs. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      status: String(v.getFirstPropertyValue('status')),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: (v.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
    };
  });
  return {
    zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))),
    events,
  };
}

const pathOf = (url: string) => new URL(url).pathname;

describe('private iCalendar feeds', () => {
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let teacher: Client;
  let ids: {
    october: { walkId: string; visitIds: string[] };
    november: { walkId: string; visitIds: string[] };
    cancelled: { walkId: string; visitIds: string[] };
    draft: { walkId: string; visitIds: string[] };
    south: { walkId: string; visitIds: string[] };
  };

  beforeAll(async () => {
    t = await startTestApp({ publicUrl: 'https://walks.test' });
    trust = await createTestTrust(t.db, 'feed-trust');
    other = await createTestTrust(t.db, 'feed-other');
    const teacherEmail = trust.email('teacher');
    const observerEmail = trust.email('observer');
    // Friday 23 October 2026 is British Summer Time (UTC+1); Monday 2 November is GMT (UTC+0).
    ids = {
      october: await insertWalk(t.db, trust, {
        date: '2026-10-23',
        windowStart: '09:00',
        windowEnd: '09:30',
        focusTitle: 'Questioning',
        purpose: 'To see how pupils explain their thinking.',
        observerEmails: [observerEmail],
        publishedAt: new Date('2026-10-15T08:00:00Z'),
        visits: [{ teacherEmail, start: '09:00', end: '09:10', classCode: '7A/OCT' }],
      }),
      november: await insertWalk(t.db, trust, {
        date: '2026-11-02',
        windowStart: '09:00',
        windowEnd: '09:30',
        publishedAt: new Date('2026-10-27T08:00:00Z'),
        visits: [{ teacherEmail, start: '09:00', end: '09:10', classCode: '7A/NOV' }],
      }),
      cancelled: await insertWalk(t.db, trust, {
        date: '2026-12-01',
        publishedAt: new Date('2026-11-20T08:00:00Z'),
        visits: [
          { teacherEmail, start: '10:00', end: '10:10', classCode: '7A/DEC', status: 'cancelled' },
        ],
      }),
      draft: await insertWalk(t.db, trust, {
        date: '2026-12-08',
        visits: [{ teacherEmail, start: '10:00', end: '10:10', classCode: '7A/DRAFT' }],
      }),
      south: await insertWalk(t.db, trust, {
        school: 'South',
        date: '2026-12-02',
        publishedAt: new Date('2026-11-20T08:00:00Z'),
        visits: [{ teacherEmail: trust.email('teacher', 'South'), start: '09:00', end: '09:10' }],
      }),
    };
    teacher = new Client(t.baseUrl);
    await teacher.signIn(teacherEmail);
  });
  afterAll(() => t?.close());

  async function makeFeed(client: Client) {
    const res = await client.post('/api/me/calendar-feed');
    expect(res.status).toBe(201);
    return res.body as { url: string; webcalUrl: string; replaced: boolean; createdAt: string };
  }

  async function readFeed(url: string) {
    const res = await new Client(t.baseUrl).get(pathOf(url)).catch(() => null);
    return res;
  }

  async function fetchFeed(url: string, headers: Record<string, string> = {}) {
    return fetch(`${t.baseUrl}${pathOf(url)}`, { headers });
  }

  it('gives a teacher a private address listing their visited lessons at the right times across the clock change', async () => {
    const status0 = await teacher.get('/api/me/calendar-feed');
    expect(status0.body).toEqual({ active: false, createdAt: null, lastReadAt: null });
    const feed = await makeFeed(teacher);
    expect(feed.url).toMatch(
      new RegExp(`^https://walks\\.test/api/calendar/${trust.trustId}\\.[A-Za-z0-9_-]{43}\\.ics$`),
    );
    expect(feed.webcalUrl).toBe(feed.url.replace('https:', 'webcal:'));
    expect(feed.replaced).toBe(false);

    const res = await fetchFeed(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=900');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const text = await res.text();
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('DTSTART;TZID=Europe/London:20261023T090000');

    const parsed = parseFeed(text);
    expect(parsed.zones).toEqual(['Europe/London']);
    const byUid = new Map(parsed.events.map((e) => [e.uid, e]));
    expect(parsed.events).toHaveLength(3); // October, November, and the cancelled one; not the draft

    const october = byUid.get(`visit-${ids.october.visitIds[0]}@learning-walks`)!;
    expect(october.tzid).toBe('Europe/London');
    expect(october.start).toBe('2026-10-23T08:00:00.000Z'); // 09:00 BST
    expect(october.end).toBe('2026-10-23T08:10:00.000Z');
    expect(october.status).toBe('CONFIRMED');
    expect(october.summary).toBe('Learning walk visit to 7A/OCT');
    expect(october.description).toContain('Focus: Questioning');
    expect(october.description).toContain('Purpose: To see how pupils explain their thinking.');
    expect(october.description).toContain('Observers: North observer');

    const november = byUid.get(`visit-${ids.november.visitIds[0]}@learning-walks`)!;
    expect(november.start).toBe('2026-11-02T09:00:00.000Z'); // 09:00 GMT

    const cancelled = byUid.get(`visit-${ids.cancelled.visitIds[0]}@learning-walks`)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.summary).toMatch(/^Cancelled: /);
    expect(byUid.has(`visit-${ids.draft.visitIds[0]}@learning-walks`)).toBe(false);

    // Unchanged: the calendar app's copy is still good.
    const again = await fetchFeed(feed.url, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const status = await teacher.get('/api/me/calendar-feed');
    expect(status.body.active).toBe(true);
    expect(status.body.lastReadAt).toBe(t.clock.now().toISOString());
  });

  it('shows a cancellation with the same UID once a visit is cancelled', async () => {
    const feed = await makeFeed(teacher);
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .updateTable('visits')
        .set({ status: 'cancelled', cancelled_at: t.clock.now() })
        .where('visit_id', '=', ids.november.visitIds[0]!)
        .execute(),
    );
    const parsed = parseFeed(await (await fetchFeed(feed.url)).text());
    const november = parsed.events.find(
      (e) => e.uid === `visit-${ids.november.visitIds[0]}@learning-walks`,
    );
    expect(november?.status).toBe('CANCELLED');
    expect(november?.start).toBe('2026-11-02T09:00:00.000Z');
  });

  it('lists the walks an observer observes, and a leader’s school’s published walks only', async () => {
    const observer = new Client(t.baseUrl);
    await observer.signIn(trust.email('observer'));
    const observed = parseFeed(await (await fetchFeed((await makeFeed(observer)).url)).text());
    expect(observed.events.map((e) => e.uid)).toEqual([
      `walk-${ids.october.walkId}@learning-walks`,
    ]);
    expect(observed.events[0]).toMatchObject({
      summary: 'Learning walk: Questioning (you observe)',
      start: '2026-10-23T08:00:00.000Z',
      end: '2026-10-23T08:30:00.000Z',
    });
    expect(observed.events[0]!.description).toContain('Route: 09:00 S1 (7A/OCT)');
    // The route names rooms and classes, never a teacher.
    expect(observed.events[0]!.description).not.toContain('North teacher');

    const leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
    const school = parseFeed(await (await fetchFeed((await makeFeed(leader)).url)).text());
    expect(school.events.map((e) => e.uid).sort()).toEqual(
      [ids.october.walkId, ids.november.walkId, ids.cancelled.walkId]
        .map((id) => `walk-${id}@learning-walks`)
        .sort(),
    );
  });

  it('rotates and revokes: an old or revoked address answers 404', async () => {
    const first = await makeFeed(teacher);
    const second = await makeFeed(teacher);
    expect(second.replaced).toBe(true);
    expect(second.url).not.toBe(first.url);
    const old = await readFeed(first.url);
    expect(old?.status).toBe(404);
    expect(old?.body.error.code).toBe('not_found');
    expect((await fetchFeed(second.url)).status).toBe(200);

    const revoked = await teacher.request('DELETE', '/api/me/calendar-feed');
    expect(revoked.status).toBe(204);
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect((await teacher.get('/api/me/calendar-feed')).body.active).toBe(false);
    // Revoking again is harmless.
    expect((await teacher.request('DELETE', '/api/me/calendar-feed')).status).toBe(204);
  });

  it('finds nothing for a secret replayed under another trust, a made-up secret or a malformed address', async () => {
    const feed = await makeFeed(teacher);
    const secret = pathOf(feed.url).split('.')[1]!;
    const moved = await readFeed(`https://x/api/calendar/${other.trustId}.${secret}.ics`);
    expect(moved?.status).toBe(404);
    const madeUp = await readFeed(`https://x/api/calendar/${trust.trustId}.${'x'.repeat(43)}.ics`);
    expect(madeUp?.status).toBe(404);
    const malformed = await readFeed('https://x/api/calendar/not-a-feed');
    expect(malformed?.status).toBe(400);
    expect((await fetchFeed(feed.url)).status).toBe(200);
  });

  it('needs a session to make or revoke a feed', async () => {
    const anonymous = new Client(t.baseUrl);
    expect((await anonymous.post('/api/me/calendar-feed')).status).toBe(401);
    expect((await anonymous.request('DELETE', '/api/me/calendar-feed')).status).toBe(401);
  });

  it('rate-limits reads of feed addresses', async () => {
    const feed = await makeFeed(teacher);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetchFeed(feed.url)).status);
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    const limited = await readFeed(feed.url);
    expect(limited?.status).toBe(429);
    expect(limited?.body.error.message).toContain('Too many calendar requests');
  });
});
