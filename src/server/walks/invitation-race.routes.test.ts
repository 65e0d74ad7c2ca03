import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, createTestWalk, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Security finding 5: twenty parallel accepts of one open-door invitation gave 9 × 500 on
 * PostgreSQL (an unmapped unique violation). One wins; every other answer is a 409 with a code.
 */
describe('accepting one invitation many times at once', () => {
  let t: TestApp;
  let a: TestTrust;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'info' }, { write: (line) => logLines.push(line) });
    a = await createTestTrust(t.db, 'race-a');
  });
  afterAll(() => t?.close());

  it('adds the visit once and answers every other attempt with a 4xx, never a 500', async () => {
    const north = a.school('North');
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(a.email('teacher'));
    const timetable = await teacher.get(
      `/api/schools/${north}/people/${a.person(a.email('teacher'))}/timetable`,
    );
    // The fixture teacher teaches 7A on Tuesdays, period 2.
    const lesson = timetable.body.lessons.find((l: { weekday: number }) => l.weekday === 2);
    const invited = await teacher.post(`/api/schools/${north}/invitations`, {
      lessonId: lesson.id,
      date: '2026-12-01',
    });
    expect(invited.status).toBe(201);
    const walk = await createTestWalk(t.db, a, {
      date: '2026-12-01',
      teacherIds: [],
      status: 'draft',
    });

    const leaders = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new Client(t.baseUrl);
        await c.signIn(a.email('school_leader'));
        return c;
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        leaders[i % leaders.length]!.post(`/api/invitations/${invited.body.id}/accept`, {
          walkId: walk.walkId,
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (const r of answers.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toMatch(/^[a-z_]+$/);
    }
    const walkNow = await leaders[0]!.get(`/api/walks/${walk.walkId}`);
    expect(walkNow.body.visits).toHaveLength(1);

    // What reached the log names the refused rule, never the statement's parameters (the
    // lesson id was one) nor the row's values.
    const all = logLines.join('\n');
    expect(all).not.toContain(lesson.id);
    const refused = logLines
      .map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> })
      .filter((l) => l.msg === 'database refused a write');
    for (const line of refused) {
      for (const key of ['params', 'parameters', 'detail', 'query']) {
        expect(line.err).not.toHaveProperty(key);
      }
      expect(line.err?.code).toBe('23505');
    }
  });
});
