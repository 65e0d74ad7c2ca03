import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPeerObservers,
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Observer training (issue 15): guidance, the neutral-language exercise (the note checker's
 * feedback), a practice scene recorded and compared with its reference; completion per person
 * and version; and the required-training rule turned on through the API.
 */
describe('observer training', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let sceneId = '';
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const trainee = () => client(trust.email('teacher'));
  const owner = () => client(trust.email('trust_leader'));
  const PREVALENCE = 'Pupils explain their reasoning to a partner';
  const SEEN = 'Pupils use the word wall';

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'training');
    walk = await createTestWalk(t.db, trust, {
      status: 'draft',
      observerIds: [trust.person(trust.email('observer'))],
      teacherIds: [trust.person(trust.email('site_manager'))],
    });
    // Issue 15: a teacher or site manager observes once the school chose them as a peer observer.
    await addPeerObservers(t.db, trust, 'North', [trust.person(trust.email('teacher'))]);
  });
  afterAll(() => t?.close());

  it('a framework owner writes a practice scene with its reference; a teacher may not', async () => {
    const scene = {
      versionId: walk.versionId,
      title: 'Year 7 science: the candle under the jar',
      scene:
        'Most pupils explain to a partner why the candle went out; a few only copy the question. Nobody looks at the word wall.',
      reference: {
        [walk.lookForIds.get(PREVALENCE)!]: 'most',
        [walk.lookForIds.get(SEEN)!]: false,
      },
      reasons: { [walk.lookForIds.get(SEEN)!]: 'The scene says nobody looks at the word wall.' },
    };
    const refused = await (await trainee()).request('POST', '/api/training/scenes', scene);
    expect(refused.status).toBe(403);
    const wrongKind = await (await owner()).request('POST', '/api/training/scenes', {
      ...scene,
      reference: { [walk.lookForIds.get(SEEN)!]: 'most' },
    });
    expect(wrongKind.status).toBe(400);
    const made = await (await owner()).request('POST', '/api/training/scenes', scene);
    expect(made.status).toBe(201);
    sceneId = made.body.id;
  });

  it('a trainee records the scene, sees where they differ from the reference and why, and completes it', async () => {
    const me = await trainee();
    const shown = await me.request('GET', `/api/training/scenes/${sceneId}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain('nobody looks at the word wall.');
    expect(shown.body.lookFors.map((f: { prompt: string }) => f.prompt)).toEqual([
      PREVALENCE,
      SEEN,
    ]);
    const first = await me.request('POST', `/api/training/scenes/${sceneId}/attempts`, {
      answers: { [walk.lookForIds.get(PREVALENCE)!]: 'some', [walk.lookForIds.get(SEEN)!]: true },
    });
    expect(first.status).toBe(200);
    expect(first.body.passed).toBe(false);
    expect(first.body.differences.map((d: { outcome: string }) => d.outcome)).toEqual([
      'near',
      'differs',
    ]);
    expect(first.body.differences[1].why).toBe('The scene says nobody looks at the word wall.');
    expect(first.body.completed).toEqual([]);
    const second = await me.request('POST', `/api/training/scenes/${sceneId}/attempts`, {
      answers: { [walk.lookForIds.get(PREVALENCE)!]: 'most', [walk.lookForIds.get(SEEN)!]: false },
    });
    expect(second.body.passed).toBe(true);
    expect(second.body.completed).toEqual(['practice_scenes']);
  });

  it('the neutral-language exercise uses the note checker; guidance is confirmed as read', async () => {
    const me = await trainee();
    const judged = await me.request('POST', `/api/training/versions/${walk.versionId}/exercise`, {
      text: 'Ms Rahman taught an excellent lesson and Kieran was brilliant.',
    });
    expect(judged.body.passed).toBe(false);
    expect(judged.body.findings.length).toBeGreaterThan(0);
    const neutral = await me.request('POST', `/api/training/versions/${walk.versionId}/exercise`, {
      text: 'Most pupils were talking in pairs about why the candle went out; a few pupils were waiting.',
    });
    expect(neutral.body.findings).toEqual([]);
    expect(neutral.body.passed).toBe(true);
    const read = await me.request('POST', `/api/training/versions/${walk.versionId}/guidance`);
    expect(read.body.completed).toEqual(['guidance', 'neutral_language', 'practice_scenes']);
    const overview = await me.request('GET', '/api/training');
    const v = overview.body.versions.find(
      (x: { versionId: string }) => x.versionId === walk.versionId,
    );
    expect(v.completed).toEqual(['guidance', 'neutral_language', 'practice_scenes']);
    // Another person's progress is their own.
    const other = await (await client(trust.email('observer'))).request('GET', '/api/training');
    expect(
      other.body.versions.find((x: { versionId: string }) => x.versionId === walk.versionId)
        .completed,
    ).toEqual([]);
  });

  it('required training, turned on by the school’s leader, refuses an untrained observer with 422', async () => {
    const head = await client(trust.email('school_leader'));
    const byTeacher = await (await trainee()).request('PUT', '/api/training/rules', {
      schoolId: trust.school('North'),
      required: true,
    });
    expect(byTeacher.status).toBe(403);
    const on = await head.request('PUT', '/api/training/rules', {
      schoolId: trust.school('North'),
      required: true,
    });
    expect(on.status).toBe(200);
    const untrained = trust.person(trust.email('observer'));
    const trained = trust.person(trust.email('teacher'));
    const refused = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [trained],
    });
    // The trained teacher replaces the observer: allowed.
    expect(refused.status).toBe(200);
    const again = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [trained, untrained],
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('training_required');
    expect(again.body.error.details.ruleLabel).toBe(
      'North requires observer training before anyone observes',
    );
    const off = await head.request('PUT', '/api/training/rules', {
      schoolId: trust.school('North'),
      required: false,
    });
    expect(off.status).toBe(200);
    const allowed = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [trained, untrained],
    });
    expect(allowed.status).toBe(200);
  });
});
