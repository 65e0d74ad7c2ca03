import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Moderation sessions (issue 15), through HTTP: a leader sets one up; participants record a
 * practice scene each on their own, hidden from one another until all are in or the facilitator
 * reveals; paired records appear as Observer A and B only; an agreed reading that rates the
 * teacher is refused; agreed readings become a new draft version with continuity.
 */
describe('moderation sessions', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let sceneId = '';
  let sessionId = '';
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const leader = () => client(trust.email('trust_leader'));
  const PREVALENCE = 'Pupils explain their reasoning to a partner';
  const SEEN = 'Pupils use the word wall';
  const url = (path = '') => `/api/moderation-sessions/${sessionId}${path}`;
  const participants = () => [
    trust.person(trust.email('observer')),
    trust.person(trust.email('teacher')),
    trust.person(trust.email('school_leader')),
  ];

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'moderation');
    walk = await createTestWalk(t.db, trust, {
      status: 'published',
      observerIds: [
        trust.person(trust.email('observer')),
        trust.person(trust.email('school_leader')),
      ],
      teacherIds: [trust.person(trust.email('teacher'))],
    });
    for (const [email, value, notes] of [
      [trust.email('observer'), 'most', 'North teacher asked Kieran in S1 to explain.'],
      [trust.email('school_leader'), 'some', 'Pupils in the North room talked in pairs.'],
    ] as const) {
      await insertHandedInRecord(t.db, trust.trustId, walk, {
        observerId: trust.person(email),
        notes,
        answers: [
          { prompt: PREVALENCE, value },
          { prompt: SEEN, value: true },
        ],
      });
    }
    const scene = await (await leader()).post('/api/training/scenes', {
      versionId: walk.versionId,
      title: 'Year 8 maths: the ratio table',
      scene: 'Most pupils tell a partner how they filled in the table; nobody points at the wall.',
      reference: {
        [walk.lookForIds.get(PREVALENCE)!]: 'most',
        [walk.lookForIds.get(SEEN)!]: false,
      },
    });
    expect(scene.status).toBe(201);
    sceneId = scene.body.id;
  });
  afterAll(() => t?.close());

  const body = () => ({
    title: 'Autumn moderation',
    heldOn: '2026-11-24',
    versionId: walk.versionId,
    participantIds: participants(),
    sceneIds: [sceneId],
    pairCount: 3,
  });

  it('a trust leader sets up a session; a teacher may not, and a school leader only in their school', async () => {
    const byTeacher = await (await client(trust.email('teacher'))).post(
      '/api/moderation-sessions',
      body(),
    );
    expect(byTeacher.status).toBe(403);
    const head = await client(trust.email('school_leader'));
    expect((await head.post('/api/moderation-sessions', body())).status).toBe(403);
    const inSchool = await head.post('/api/moderation-sessions', {
      ...body(),
      schoolId: trust.school('North'),
    });
    expect(inSchool.status, JSON.stringify(inSchool.body)).toBe(201);
    const otherScene = await (await leader()).post('/api/moderation-sessions', {
      ...body(),
      sceneIds: [crypto.randomUUID()],
    });
    expect(otherScene.status).toBe(422);
    expect(otherScene.body.error.code).toBe('moderation_invalid');
    const made = await (await leader()).post('/api/moderation-sessions', body());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    sessionId = made.body.id;
    const list = await (await client(trust.email('observer'))).get('/api/moderation-sessions');
    expect(list.body.sessions.map((s: { id: string }) => s.id)).toContain(sessionId);
    expect(list.body.canRun).toBe(false);
  });

  it('a non-participant gets 404 for the session and its routes', async () => {
    const outsider = await client(trust.email('observer', 'South'));
    expect((await outsider.get(url())).status).toBe(404);
    const put = await outsider.request('PUT', url(`/scenes/${sceneId}/reading`), { answers: {} });
    expect(put.status).toBe(404);
    expect((await outsider.post(url('/reveal'))).status).toBe(404);
    const list = await outsider.get('/api/moderation-sessions');
    expect(list.body.sessions.map((s: { id: string }) => s.id)).not.toContain(sessionId);
  });

  it('keeps each reading hidden from the others until everyone has handed in', async () => {
    const explain = walk.lookForIds.get(PREVALENCE)!;
    const wall = walk.lookForIds.get(SEEN)!;
    const observer = await client(trust.email('observer'));
    const first = await observer.request('PUT', url(`/scenes/${sceneId}/reading`), {
      answers: { [explain]: 'most', [wall]: false },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.scenes[0].mine).toEqual({ [explain]: 'most', [wall]: false });
    const teacher = await client(trust.email('teacher'));
    const seenByTeacher = await teacher.get(url());
    expect(seenByTeacher.body.scenes[0]).toMatchObject({ handedIn: 1, mine: null, spread: null });
    const second = await teacher.request('PUT', url(`/scenes/${sceneId}/reading`), {
      answers: { [explain]: 'some', [wall]: true },
    });
    expect(second.body.scenes[0].spread).toBeNull();
    const last = await (await client(trust.email('school_leader'))).request(
      'PUT',
      url(`/scenes/${sceneId}/reading`),
      { answers: { [explain]: 'most', [wall]: false } },
    );
    const spread = last.body.scenes[0].spread;
    expect(spread.suppressed).toBe(false);
    const explainSpread = spread.lookFors.find(
      (f: { lookForId: string }) => f.lookForId === explain,
    );
    expect(explainSpread.counts).toEqual([
      { answer: 'not_seen', count: 0 },
      { answer: 'some', count: 1 },
      { answer: 'most', count: 2 },
      { answer: 'all', count: 0 },
    ]);
    expect(explainSpread.yours).toBe('most');
    expect(explainSpread.figure.n).toBe(3);
    // The teacher sees the spread with their own answer only; nobody's reading carries a name.
    const teacherView = await teacher.get(url());
    expect(
      teacherView.body.scenes[0].spread.lookFors.find(
        (f: { lookForId: string }) => f.lookForId === explain,
      ).yours,
    ).toBe('some');
    for (const id of participants()) {
      expect(JSON.stringify(teacherView.body.scenes)).not.toContain(id);
    }
    // Shown to the session: a reading can no longer change.
    const late = await teacher.request('PUT', url(`/scenes/${sceneId}/reading`), {
      answers: { [explain]: 'most' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('moderation_revealed');
  });

  it('shows paired records as Observer A and B, with nothing that names people or places', async () => {
    const res = await (await client(trust.email('teacher'))).get(url());
    expect(res.body.pairs).toHaveLength(1);
    expect(res.body.pairs[0].rows).toEqual([
      {
        lookForId: walk.lookForIds.get(PREVALENCE),
        prompt: PREVALENCE,
        a: expect.any(String),
        b: expect.any(String),
      },
      { lookForId: walk.lookForIds.get(SEEN), prompt: SEEN, a: true, b: true },
    ]);
    const text = JSON.stringify([res.body.pairs, res.body.pairFigures]);
    for (const word of ['Kieran', 'S1', 'North', 'teacher asked', walk.visitIds[0]!]) {
      expect(text).not.toContain(word);
    }
    // One visited teacher is under k = 3: the pair's agreement figure is hidden.
    expect(res.body.pairFigures[0].figure.suppressed).toBe(true);
  });

  it('the facilitator reveals early; under k readings the spread stays hidden', async () => {
    const made = await (await leader()).post('/api/moderation-sessions', {
      ...body(),
      title: 'Small group',
      participantIds: participants().slice(0, 2),
      pairCount: 0,
    });
    const small = `/api/moderation-sessions/${made.body.id}`;
    const observer = await client(trust.email('observer'));
    await observer.request('PUT', `${small}/scenes/${sceneId}/reading`, {
      answers: { [walk.lookForIds.get(PREVALENCE)!]: 'all' },
    });
    expect((await observer.post(`${small}/reveal`)).status).toBe(403);
    const revealed = await (await leader()).post(`${small}/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body.revealed).toBe(true);
    const seen = await observer.get(small);
    expect(seen.body.scenes[0].spread.suppressed).toBe(true);
    expect(seen.body.scenes[0].spread.lookFors[0].counts).toBeNull();
    expect(seen.body.scenes[0].spread.lookFors[0].yours).toBe('all');
  });

  it('refuses an agreed reading that rates the teacher, and keeps a neutral one', async () => {
    const explain = walk.lookForIds.get(PREVALENCE)!;
    const facilitator = await leader();
    const byParticipant = await (await client(trust.email('teacher'))).request(
      'PUT',
      url(`/agreed/${explain}`),
      { text: 'Pupils say a step aloud.' },
    );
    expect(byParticipant.status).toBe(403);
    const judging = await facilitator.request('PUT', url(`/agreed/${explain}`), {
      text: 'The teacher was excellent at questioning.',
    });
    expect(judging.status).toBe(422);
    expect(judging.body.error.code).toBe('agreed_reading_rejected');
    expect(judging.body.error.message).toContain('never rates a teacher');
    const neutral = await facilitator.request('PUT', url(`/agreed/${explain}`), {
      text: 'Most pupils say at least one step of their reasoning aloud to a partner.',
    });
    expect(neutral.status, JSON.stringify(neutral.body)).toBe(200);
    const f = neutral.body.lookFors.find((l: { id: string }) => l.id === explain);
    expect(f.agreed).toEqual({
      text: 'Most pupils say at least one step of their reasoning aloud to a partner.',
      part: 'looksLike',
    });
  });

  it('turns agreed readings into a new draft version whose look-for continues the old one', async () => {
    const head = await client(trust.email('school_leader'));
    const byHead = await head.post(url('/guidance'));
    // The head is a participant (the session exists for them), not a framework owner.
    expect(byHead.status).toBe(403);
    const made = await (await leader()).post(url('/guidance'));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ versionNo: 2, applied: 1 });
    const draft = await (await leader()).get(`/api/frameworks/${made.body.frameworkId}/versions/2`);
    expect(draft.body.version.status).toBe('draft');
    const lookFors = draft.body.body.lenses.flatMap((l: { lookFors: unknown[] }) => l.lookFors) as {
      prompt: string;
      continues: string | null;
      key: string;
      guidance: object;
    }[];
    const explain = lookFors.find((l) => l.prompt === PREVALENCE)!;
    expect(explain.continues).toBe(explain.key);
    expect(explain.guidance).toMatchObject({
      looksLike: 'Most pupils say at least one step of their reasoning aloud to a partner.',
    });
    const session = await (await leader()).get(url());
    expect(session.body.guidanceVersion).toEqual({
      frameworkId: made.body.frameworkId,
      versionNo: 2,
    });
    // The framework now has a draft: the frameworks service refuses a second one.
    const again = await (await leader()).post(url('/guidance'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('draft_exists');
  });
});
