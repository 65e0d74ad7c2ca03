import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestFocus, createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A focus that fits ten minutes (issue 21, part 5): the school's recommended number of look-fors
 * (default 5), a reason required above it (422 focus_reason_required), kept with the walk.
 */
describe('walks API: the recommended number of look-fors', () => {
  let t: TestApp;
  let a: TestTrust;
  let head: Client;
  let focusId: string;
  const north = () => a.school('North');
  const walk = (over: Record<string, unknown> = {}) => ({
    programmeId: null,
    offProgrammeReason: 'A trial walk before the programme is agreed.',
    date: '2026-11-30',
    windowStart: '09:00',
    windowEnd: '11:00',
    focusId,
    observerIds: [a.person(a.email('school_leader'))],
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'focus-size');
    focusId = (await createTestFocus(t.db, a)).focusId;
    head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
  });
  afterAll(() => t?.close());

  it('is 5 by default, and a school may set it within bounds', async () => {
    const read = await head.get(`/api/schools/${north()}/protocol`);
    expect(read.body.settings.recommendedLookFors).toBe(5);
    const tooMany = await head.request('PUT', `/api/schools/${north()}/protocol`, {
      recommendedLookFors: 41,
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('settings_out_of_bounds');
  });

  it('asks for a reason when the focus has more look-fors, and keeps it with the walk', async () => {
    const ok = await head.post(`/api/schools/${north()}/walks`, walk());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const count = ok.body.walk.lookForCount as number;
    expect(count).toBeGreaterThan(1);
    expect(ok.body.walk).toMatchObject({ recommendedLookFors: 5, focusSizeReason: null });

    const set = await head.request('PUT', `/api/schools/${north()}/protocol`, {
      recommendedLookFors: 1,
    });
    expect(set.status).toBe(200);
    const refused = await head.post(`/api/schools/${north()}/walks`, walk());
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('focus_reason_required');
    expect(refused.body.error.message).toContain(`${count} look-fors`);
    expect(refused.body.error.details[0].field).toBe('body.focusSizeReason');

    const blank = await head.post(`/api/schools/${north()}/walks`, walk({ focusSizeReason: ' ' }));
    expect(blank.status).toBe(422);

    const reasoned = await head.post(
      `/api/schools/${north()}/walks`,
      walk({ focusSizeReason: 'A whole-school audit of the new framework.' }),
    );
    expect(reasoned.status, JSON.stringify(reasoned.body)).toBe(201);
    const shown = await head.get(`/api/walks/${reasoned.body.walk.id}`);
    expect(shown.body.walk).toMatchObject({
      lookForCount: count,
      recommendedLookFors: 1,
      focusSizeReason: 'A whole-school audit of the new framework.',
    });
  });
});
