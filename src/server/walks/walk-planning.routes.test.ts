import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, createTestWalk, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The questions settled before a walk (issue 16): the plan carries the answers, the walk's page
 * shows them, and the visited teachers' notice tells them how feedback is given and who else
 * receives the data — nothing else of the plan. The test clock: Monday 23 November 2026.
 */
describe('planning questions before a walk', () => {
  let t: TestApp;
  let trust: TestTrust;
  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'planning');
  });
  afterAll(() => t?.close());

  const planning = {
    whoTakesPart: 'The deputy head and the English lead, who knows the reading scheme.',
    roomsChosen: 'The planner, spread across departments and periods.',
    teachersTold: 'The app’s notice, and a word at Monday’s briefing.',
    focusWhy: 'Reading aloud is this year’s first priority.',
    feedbackHow: 'Within five school days.',
    feedbackInPerson: true,
    dataSharedWith: 'The senior team, as themes with no names.',
  };

  it('keeps the answers with the walk and tells the visited teacher about feedback and data', async () => {
    const person = (role: Parameters<TestTrust['email']>[0]) => trust.person(trust.email(role));
    const walk = await createTestWalk(t.db, trust, {
      status: 'draft',
      date: '2026-11-30',
      teacherIds: [person('teacher')],
      visits: [{ noticeGiven: false }],
    });
    const head = new Client(t.baseUrl);
    await head.signIn(trust.email('school_leader'));
    const body = {
      programmeId: null,
      offProgrammeReason: 'A one-off walk agreed with staff.',
      kind: 'learning',
      date: '2026-11-30',
      windowStart: '09:00',
      windowEnd: '12:00',
      focusId: walk.focusId,
      observerIds: [person('observer')],
    };
    const tooLong = await head.request('PUT', `/api/walks/${walk.walkId}`, {
      ...body,
      planning: { ...planning, focusWhy: 'x'.repeat(1001) },
    });
    expect(tooLong.status).toBe(400);
    const before = await head.get(`/api/walks/${walk.walkId}`);
    expect(before.body.walk.planning).toBeNull();

    const saved = await head.request('PUT', `/api/walks/${walk.walkId}`, { ...body, planning });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.walk.planning).toEqual(planning);
    // Saving without the section keeps what the plan had.
    const again = await head.request('PUT', `/api/walks/${walk.walkId}`, body);
    expect(again.body.walk.planning).toEqual(planning);

    const published = await head.post(`/api/walks/${walk.walkId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const notices = await teacher.get('/api/me/notices');
    const notice = notices.body.notices.find((n: { walkId: string }) => n.walkId === walk.walkId);
    expect(notice.body).toContain(
      'Feedback: in person; you will be offered a time for a short conversation, or can ask for it in writing. Within five school days.',
    );
    expect(notice.body).toContain(
      'Who else receives what the walk finds: The senior team, as themes with no names.',
    );
    expect(notice.body).not.toContain(planning.whoTakesPart);
  });
});
