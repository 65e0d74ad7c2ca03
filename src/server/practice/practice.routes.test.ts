import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The practice library (issue 16): a leader proposes a bright spot from a debrief; it is
 * published only with the visited teacher's agreement, named only with their consent to be
 * named, found by look-for, and seen by the school's staff (and other schools only when shared
 * with the trust).
 */
describe('practice library', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let debriefId = '';
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const head = () => client(trust.email('school_leader'));
  const teacher = () => client(trust.email('teacher'));
  const north = () => trust.school('North');
  const library = async (email: string, school: string, lookFor = '') =>
    (await client(email)).get(
      `/api/schools/${school}/practice-library${lookFor ? `?lookFor=${encodeURIComponent(lookFor)}` : ''}`,
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'practice');
    // Visits to the teacher, the head and the site manager.
    walk = await createTestWalk(t.db, trust);
    const created = await (await head()).post(`/api/schools/${north()}/debriefs`, {
      walkIds: [walk.walkId],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    debriefId = created.body.id;
  });
  afterAll(() => t?.close());

  const example = (visitId: string, extra: Record<string, unknown> = {}) => ({
    visitId,
    lookFor: 'Pupils explain their reasoning to a partner',
    title: 'Talk partners with sentence stems',
    body: 'Pupils used sentence stems on the table to explain their method to a partner.',
    ...extra,
  });

  it('publishes an example only when the visited teacher agrees, and names them only if they say so', async () => {
    const h = await head();
    const otherVisit = (await createTestWalk(t.db, trust, { date: '2026-11-24' })).visitIds[0]!;
    const wrong = await h.post(`/api/debriefs/${debriefId}/practice-examples`, example(otherVisit));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('practice_visit_invalid');
    const byTeacher = await (await teacher()).post(
      `/api/debriefs/${debriefId}/practice-examples`,
      example(walk.visitIds[0]!),
    );
    expect(byTeacher.status).toBe(403);

    const proposed = await h.post(
      `/api/debriefs/${debriefId}/practice-examples`,
      example(walk.visitIds[0]!, { scope: 'trust' }),
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'asked', teacherName: null });
    // Not in the library while the teacher has not agreed.
    expect((await library(trust.email('school_leader'), north())).body.examples).toEqual([]);

    // Only the visited teacher answers.
    const url = `/api/practice-examples/${proposed.body.id}/answer`;
    const byHead = await h.post(url, { agree: true, named: true });
    expect(byHead.status).toBe(403);
    const told = (await (await teacher()).get('/api/me/notices')).body.notices as {
      kind: string;
    }[];
    expect(told.map((n) => n.kind)).toContain('practice_consent_asked');
    const requests = await (await teacher()).get('/api/me/practice-requests');
    expect(requests.body.examples.map((e: { id: string }) => e.id)).toEqual([proposed.body.id]);
    const agreed = await (await teacher()).post(url, { agree: true, named: false });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'published', teacherName: null });
    expect((await (await teacher()).post(url, { agree: true, named: true })).status).toBe(409);

    // A second example, declined: never in the library.
    const declinedOne = await h.post(
      `/api/debriefs/${debriefId}/practice-examples`,
      example(walk.visitIds[2]!, {
        title: 'Declined example',
        lookFor: 'Questions asked by pupils',
      }),
    );
    const declined = await (await client(trust.email('site_manager'))).post(
      `/api/practice-examples/${declinedOne.body.id}/answer`,
      { agree: false },
    );
    expect(declined.body.status).toBe('declined');

    // A third, named with consent, kept to the school.
    const namedOne = await h.post(
      `/api/debriefs/${debriefId}/practice-examples`,
      example(walk.visitIds[1]!, {
        title: 'Word wall in use',
        lookFor: 'Pupils use the word wall',
      }),
    );
    const named = await h.post(`/api/practice-examples/${namedOne.body.id}/answer`, {
      agree: true,
      named: true,
    });
    expect(named.body.teacherName).toBe('North school leader');

    const all = await library(trust.email('teacher'), north());
    expect(all.status).toBe(200);
    expect(all.body.examples.map((e: { title: string }) => e.title).sort()).toEqual([
      'Talk partners with sentence stems',
      'Word wall in use',
    ]);
    const text = JSON.stringify(all.body);
    expect(text).not.toContain('North teacher');
    expect(text).not.toContain('Declined example');
  });

  it('is searchable by look-for', async () => {
    const found = await library(trust.email('observer'), north(), 'word wall');
    expect(found.body.examples.map((e: { title: string }) => e.title)).toEqual([
      'Word wall in use',
    ]);
    const none = await library(trust.email('observer'), north(), 'homework');
    expect(none.body.examples).toEqual([]);
  });

  it('shows another school only what was shared with the trust', async () => {
    const south = await library(trust.email('teacher', 'South'), trust.school('South'));
    expect(south.status).toBe(200);
    expect(south.body.examples.map((e: { title: string }) => e.title)).toEqual([
      'Talk partners with sentence stems',
    ]);
    const notTheirs = await library(trust.email('teacher', 'South'), north());
    expect(notTheirs.status).toBe(403);
    const other = await createTestTrust(t.db, 'practice-other');
    const outsider = await library(other.email('trust_admin'), north());
    expect(outsider.status).toBe(404);
  });
});
