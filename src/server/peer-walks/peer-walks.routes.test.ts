import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  addTestTeachers,
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Peer walks (issue 15) through HTTP: a school chooses which teachers may observe; a listed
 * teacher observes and captures like any observer and nothing more; their reflection is
 * private (a leader gets 404), read by the coach they share it with until they stop; and the
 * staff summary shows the ideas observers ticked, without names, only from k observers.
 */
describe('peer walks', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let reflectionId = '';
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const id = (role: Parameters<TestTrust['email']>[0], school: 'North' | 'South' = 'North') =>
    trust.person(trust.email(role, school));
  const head = () => client(trust.email('school_leader'));
  const peer = () => client(trust.email('teacher'));
  const coach = () => client(trust.email('observer'));
  const IDEA = 'Try mini whiteboards so every pupil answers at once';

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'peers');
    const visited = await addTestTeachers(t.db, trust, 'North', 3);
    walk = await createTestWalk(t.db, trust, {
      observerIds: [id('observer')],
      teacherIds: visited.map((v) => v.personId),
    });
  });
  afterAll(() => t?.close());

  it('refuses a teacher the school has not chosen as an observer, naming the rule and the person', async () => {
    const refused = await (await head()).request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [id('observer'), id('teacher')],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('peer_observer_not_listed');
    expect(refused.body.error.details).toMatchObject({
      rule: 'peer_observers',
      ruleLabel: 'North chooses which teachers may observe',
      personId: id('teacher'),
    });
    expect(refused.body.error.message).toContain('North teacher is not one of its peer observers');
    // Leaders still observe as before.
    const leader = await (await head()).request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [id('observer'), id('school_leader')],
    });
    expect(leader.status).toBe(200);
  });

  it('lets the school’s leaders choose peer observers; a teacher may not', async () => {
    const school = trust.school('North');
    expect((await (await peer()).get(`/api/schools/${school}/peer-observers`)).status).toBe(403);
    const list = await (await head()).get(`/api/schools/${school}/peer-observers`);
    expect(list.status).toBe(200);
    expect(list.body.peerObservers).toEqual([]);
    const candidates = list.body.candidates.map((c: { id: string }) => c.id);
    expect(candidates).toContain(id('teacher'));
    expect(candidates).not.toContain(id('school_leader'));
    const leader = await (await head()).post(`/api/schools/${school}/peer-observers`, {
      personId: id('school_leader'),
    });
    expect(leader.status).toBe(422);
    expect(leader.body.error.code).toBe('peer_observer_refused');
    const added = await (await head()).post(`/api/schools/${school}/peer-observers`, {
      personId: id('teacher'),
    });
    expect(added.status).toBe(200);
    expect(added.body.peerObservers.map((p: { fullName: string }) => p.fullName)).toEqual([
      'North teacher',
    ]);
    const named = await (await head()).request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [id('observer'), id('teacher')],
    });
    expect(named.status).toBe(200);
  });

  it('a listed teacher captures for their walk and sees nothing more of the school', async () => {
    const teacher = await peer();
    const bundle = await teacher.get(`/api/walks/${walk.walkId}/capture`);
    expect(bundle.status).toBe(200);
    expect(bundle.body.route).toHaveLength(3);
    const other = await createTestWalk(t.db, trust, { date: '2026-11-24' });
    expect((await teacher.get(`/api/walks/${other.walkId}/capture`)).status).toBe(403);
    const dashboard = await teacher.get(`/api/schools/${trust.school('North')}/insights`);
    expect(dashboard.status).toBe(403);
    // Of a visit's records, an observer reads only their own (none yet), not a colleague's.
    await insertHandedInRecord(t.db, trust.trustId, walk, {
      visitIndex: 1,
      observerId: id('observer'),
      notes: 'Pupils sorted the cards in pairs.',
    });
    const records = await teacher.get(`/api/visits/${walk.visitIds[1]}/records`);
    expect(records.status).toBe(200);
    expect(JSON.stringify(records.body)).not.toContain('Pupils sorted the cards');
  });

  it('keeps the reflection until hand-in, then private: a leader gets 404', async () => {
    const teacher = await peer();
    const early = await teacher.request('PUT', `/api/walks/${walk.walkId}/my-reflection`, {
      body: 'Too soon.',
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('reflection_not_yet');
    await insertHandedInRecord(t.db, trust.trustId, walk, {
      observerId: id('teacher'),
      notes: 'Pupils held up whiteboards.',
    });
    const ready = await teacher.get(`/api/walks/${walk.walkId}/my-reflection`);
    expect(ready.status).toBe(200);
    expect(ready.body.notYet).toBeNull();
    expect(ready.body.coachCandidates.map((c: { id: string }) => c.id)).toContain(id('observer'));
    const lookForId = walk.lookForIds.get('Pupils explain their reasoning to a partner')!;
    const saved = await teacher.request('PUT', `/api/walks/${walk.walkId}/my-reflection`, {
      body: 'I talk for most of my starters; pupils here did the talking.',
      ideas: [
        { text: IDEA, lookForId, shareInSummary: true },
        { text: 'Ask my class what helps them explain', shareInSummary: false },
      ],
    });
    expect(saved.status).toBe(200);
    reflectionId = saved.body.id;
    expect(saved.body.ideas[0].lookForPrompt).toBe('Pupils explain their reasoning to a partner');
    expect((await (await head()).get(`/api/reflections/${reflectionId}`)).status).toBe(404);
    expect((await (await coach()).get(`/api/reflections/${reflectionId}`)).status).toBe(404);
    // Another leader elsewhere in the trust: also 404.
    const trustLeader = await client(trust.email('trust_leader'));
    expect((await trustLeader.get(`/api/reflections/${reflectionId}`)).status).toBe(404);
    const debrief = await (await head()).post(`/api/schools/${trust.school('North')}/debriefs`, {
      walkIds: [walk.walkId],
    });
    expect(debrief.status).toBe(201);
    const pack = await (await head()).get(`/api/debriefs/${debrief.body.id}`);
    expect(JSON.stringify(pack.body)).not.toContain('I talk for most of my starters');
  });

  it('refuses a shared idea that names a colleague, explaining why', async () => {
    const res = await (await peer()).request('PUT', `/api/walks/${walk.walkId}/my-reflection`, {
      body: 'Notes.',
      ideas: [{ text: 'Copy North observer’s questioning', shareInSummary: true }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idea_wording');
    expect(res.body.error.message).toContain('North observer');
    expect(res.body.error.details.findings[0].kind).toBe('name');
  });

  it('the coach reads it once shared, and not after the author stops sharing', async () => {
    const teacher = await peer();
    const outsider = await teacher.request('PUT', `/api/reflections/${reflectionId}/coach`, {
      coachId: id('teacher', 'South'),
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.code).toBe('coach_refused');
    const shared = await teacher.request('PUT', `/api/reflections/${reflectionId}/coach`, {
      coachId: id('observer'),
    });
    expect(shared.status).toBe(200);
    expect(shared.body.coach.fullName).toBe('North observer');
    const read = await (await coach()).get(`/api/reflections/${reflectionId}`);
    expect(read.status).toBe(200);
    expect(read.body.readingAs).toBe('coach');
    expect(read.body.body).toContain('I talk for most of my starters');
    const mine = await (await coach()).get('/api/me/reflections');
    expect(mine.body.sharedWithMe.map((r: { id: string }) => r.id)).toEqual([reflectionId]);
    // The coach cannot share it on.
    const reshare = await (await coach()).request('PUT', `/api/reflections/${reflectionId}/coach`, {
      coachId: id('school_leader'),
    });
    expect(reshare.status).toBe(404);
    expect((await (await head()).get(`/api/reflections/${reflectionId}`)).status).toBe(404);
    const stopped = await teacher.request('PUT', `/api/reflections/${reflectionId}/coach`, {
      coachId: null,
    });
    expect(stopped.status).toBe(200);
    expect((await (await coach()).get(`/api/reflections/${reflectionId}`)).status).toBe(404);
    expect((await (await coach()).get('/api/me/reflections')).body.sharedWithMe).toEqual([]);
  });

  it('the staff summary shows ideas colleagues took away without names, only from k observers', async () => {
    const leader = await head();
    const debriefs = await leader.get(`/api/schools/${trust.school('North')}/debriefs`);
    const debriefId = debriefs.body.debriefs[0].id as string;
    await leader.request('PUT', `/api/debriefs/${debriefId}/staff-summary`, {
      text: 'Across the rooms, pupils explained their thinking to a partner.',
    });
    expect((await leader.post(`/api/debriefs/${debriefId}/staff-summary/publish`)).status).toBe(
      200,
    );
    const teacher = await peer();
    const one = await teacher.get(`/api/staff-summaries/${debriefId}`);
    expect(one.status).toBe(200);
    expect(one.body.ideasTakenAway.status).toBe('suppressed');
    expect(one.body.ideasTakenAway.reason).toContain('One observer shared ideas');
    expect(JSON.stringify(one.body)).not.toContain(IDEA);

    // Two more observers of the walk share ideas (written straight to the database).
    const more = await addTestTeachers(t.db, trust, 'North', 2);
    await withTenant(t.db, trust.trustId, async (tx) => {
      for (const [i, m] of more.entries()) {
        await tx
          .insertInto('walk_observers')
          .values({ trust_id: trust.trustId, walk_id: walk.walkId, person_id: m.personId })
          .execute();
        const r = await tx
          .insertInto('walk_reflections')
          .values({
            trust_id: trust.trustId,
            walk_id: walk.walkId,
            author_id: m.personId,
            body: 'Private.',
            created_at: new Date(),
            updated_at: new Date(),
          })
          .returning('reflection_id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('reflection_ideas')
          .values([
            {
              trust_id: trust.trustId,
              reflection_id: r.reflection_id,
              position: 0,
              text: `Shared idea ${i}`,
              share_in_summary: true,
            },
            {
              trust_id: trust.trustId,
              reflection_id: r.reflection_id,
              position: 1,
              text: `Kept idea ${i}`,
              share_in_summary: false,
            },
          ])
          .execute();
      }
    });
    const three = await teacher.get(`/api/staff-summaries/${debriefId}`);
    expect(three.body.ideasTakenAway).toEqual({
      status: 'shown',
      contributors: 3,
      k: 3,
      ideas: [
        { text: 'Shared idea 0', lookForPrompt: null },
        { text: 'Shared idea 1', lookForPrompt: null },
        { text: IDEA, lookForPrompt: 'Pupils explain their reasoning to a partner' },
      ],
    });
    const text = JSON.stringify(three.body);
    expect(text).not.toContain('Kept idea');
    expect(text).not.toContain('Ask my class');
    expect(text).not.toContain('North teacher');
    for (const m of more) expect(text).not.toContain(m.fullName);
  });
});
