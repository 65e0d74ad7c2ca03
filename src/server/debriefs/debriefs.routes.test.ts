import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Debriefs (issue 7): the pack from handed-in records (aggregated, suppressed below k, no names),
 * who may see it, recording the debrief, and the staff summary that names nobody.
 */
describe('debriefs and staff summaries', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let small: TestWalk;
  const clients = new Map<string, Client>();
  const as = async (email: string) => {
    let c = clients.get(email);
    if (!c) {
      c = new Client(t.baseUrl);
      await c.signIn(email);
      clients.set(email, c);
    }
    return c;
  };
  const explain = 'Pupils explain their reasoning to a partner';
  const wall = 'Pupils use the word wall';
  let debriefId = '';

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'debrief');
    const observer = trust.person(trust.email('observer'));
    // Three teachers visited (the threshold k is 3).
    walk = await createTestWalk(t.db, trust);
    const notes = [
      'Pupils explained their methods to a partner using sentence stems.',
      'North teacher asked pupils to explain their methods to a partner.',
      'Pupils explained their methods with mini whiteboards held up.',
    ];
    for (const [i, note] of notes.entries()) {
      await insertHandedInRecord(t.db, trust.trustId, walk, {
        visitIndex: i,
        observerId: observer,
        notes: note,
        answers: [
          { prompt: explain, value: i === 2 ? 'some' : 'most' },
          { prompt: wall, value: i !== 1 },
        ],
        studentVoice: [{ prompt: 'What are you learning today, and why?', text: 'Fractions.' }],
      });
    }
    // Two teachers only: below the threshold.
    small = await createTestWalk(t.db, trust, {
      date: '2026-11-24',
      teacherIds: [trust.person(trust.email('teacher')), trust.person(trust.email('site_manager'))],
    });
    for (const i of [0, 1]) {
      await insertHandedInRecord(t.db, trust.trustId, small, {
        visitIndex: i,
        observerId: observer,
        notes: 'Pupils read aloud in pairs.',
        answers: [{ prompt: explain, value: 'all' }],
      });
    }
  });
  afterAll(() => t?.close());

  it('opens a debrief for a walk and prepares the pack: aggregated, with no names', async () => {
    const head = await as(trust.email('school_leader'));
    const school = trust.school('North');
    const list = await head.get(`/api/schools/${school}/debriefs`);
    expect(list.status).toBe(200);
    expect(list.body.canEdit).toBe(true);
    expect(list.body.walks.find((w: { id: string }) => w.id === walk.walkId).records).toBe(3);

    const created = await head.post(`/api/schools/${school}/debriefs`, { walkIds: [walk.walkId] });
    expect(created.status).toBe(201);
    debriefId = created.body.id;
    const detail = await head.get(`/api/debriefs/${debriefId}`);
    expect(detail.status).toBe(200);
    const pack = detail.body.pack;
    expect(pack.evidenceShown).toBe(true);
    expect(pack.visits).toBe(3);
    expect(pack.focus.title).toBe('Talk for learning');
    const row = pack.perLookFor.find((p: { prompt: string }) => p.prompt === explain);
    expect(row.status).toBe('shown');
    expect(row.summary.counts).toEqual({ notSeen: 0, some: 1, most: 2, all: 0 });
    expect(row.summary.headline.lower).toBeLessThan(row.summary.headline.share);
    expect(pack.discussionPrompts).toContain('What surprised us?');
    // The quote naming a member of staff is left out, and the pack says so.
    expect(JSON.stringify(pack)).not.toContain('North teacher');
    expect(pack.notes.length).toBeGreaterThan(0);
    expect(pack.suppressionNotes.join(' ')).toMatch(/left out/);
    // No teacher id anywhere in the pack.
    expect(JSON.stringify(pack)).not.toContain(trust.person(trust.email('teacher')));
    // The walk's observer is invited, by mail.
    expect(
      detail.body.participants.map((p: { name: string; part: string }) => [p.name, p.part]),
    ).toEqual(
      expect.arrayContaining([
        ['North observer', 'observer'],
        ['North school leader', 'head'],
      ]),
    );
    const invited = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('subject')
        .where('to_address', '=', trust.email('observer'))
        .execute(),
    );
    expect(
      invited.some((m) => m.subject.startsWith('You are invited to a learning walk debrief')),
    ).toBe(true);
  });

  it('hides every figure when fewer than k teachers were visited, and says why', async () => {
    const head = await as(trust.email('school_leader'));
    const created = await head.post(`/api/schools/${trust.school('North')}/debriefs`, {
      walkIds: [small.walkId],
    });
    expect(created.status).toBe(201);
    const detail = await head.get(`/api/debriefs/${created.body.id}`);
    expect(detail.body.pack.evidenceShown).toBe(false);
    expect(detail.body.pack.visits).toBeNull();
    expect(
      detail.body.pack.perLookFor.every((p: { status: string }) => p.status === 'suppressed'),
    ).toBe(true);
    expect(detail.body.pack.suppressionNotes[0]).toContain('Fewer than 3 teachers');
    expect(JSON.stringify(detail.body.pack)).not.toContain('read aloud');
  });

  it('refuses walks on different foci, other schools’ walks and drafts', async () => {
    const head = await as(trust.email('school_leader'));
    const school = trust.school('North');
    const mixed = await head.post(`/api/schools/${school}/debriefs`, {
      walkIds: [walk.walkId, small.walkId],
    });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.code).toBe('different_focus');
    const south = await createTestWalk(t.db, trust, { school: 'South' });
    const elsewhere = await head.post(`/api/schools/${school}/debriefs`, {
      walkIds: [south.walkId],
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.code).toBe('walk_not_in_school');
    const draft = await createTestWalk(t.db, trust, { date: '2026-11-25', status: 'draft' });
    const early = await head.post(`/api/schools/${school}/debriefs`, { walkIds: [draft.walkId] });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('walk_not_published');
  });

  it('lets trust leaders read outcomes but not change them; teachers do not see the pack', async () => {
    const leader = await as(trust.email('trust_leader'));
    const read = await leader.get(`/api/debriefs/${debriefId}`);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    const change = await leader.request('PUT', `/api/debriefs/${debriefId}`, {
      title: 'x',
      heldOn: null,
      discussion: '',
      strengths: [],
      areasToDevelop: [],
      nextSteps: [],
      participants: [],
    });
    expect(change.status).toBe(403);
    const teacher = await as(trust.email('teacher'));
    expect((await teacher.get(`/api/debriefs/${debriefId}`)).status).toBe(403);
    expect((await teacher.get(`/api/schools/${trust.school('North')}/debriefs`)).status).toBe(403);
  });

  it('records who took part, strengths, areas to develop and next steps; invites newcomers', async () => {
    const head = await as(trust.email('school_leader'));
    const body = {
      title: 'Talk for learning: autumn debrief',
      heldOn: '2026-11-26',
      discussion: 'We talked about how sentence stems help pupils explain.',
      strengths: ['Pupils explain their methods to partners in most rooms.'],
      areasToDevelop: ['The word wall is used less often.'],
      nextSteps: [{ text: 'Share sentence stems across departments.' }],
      participants: [
        { personId: trust.person(trust.email('school_leader')), part: 'head', tookPart: true },
        { personId: trust.person(trust.email('observer')), part: 'observer', tookPart: true },
        {
          personId: trust.person(trust.email('trust_leader')),
          part: 'improvement_partner',
          tookPart: false,
        },
      ],
    };
    const saved = await head.request('PUT', `/api/debriefs/${debriefId}`, body);
    expect(saved.status).toBe(200);
    const detail = await head.get(`/api/debriefs/${debriefId}`);
    expect(detail.body.debrief).toMatchObject({
      title: 'Talk for learning: autumn debrief',
      heldOn: '2026-11-26',
      strengths: body.strengths,
      areasToDevelop: body.areasToDevelop,
    });
    const step = detail.body.nextSteps[0];
    expect(step.text).toBe('Share sentence stems across departments.');
    // Keeping the id keeps the step (and its actions); a renamed step keeps its id.
    const again = await head.request('PUT', `/api/debriefs/${debriefId}`, {
      ...body,
      nextSteps: [{ id: step.id, text: 'Share sentence stems in every department.' }],
    });
    expect(again.status).toBe(200);
    const after = await head.get(`/api/debriefs/${debriefId}`);
    expect(after.body.nextSteps).toEqual([
      { id: step.id, text: 'Share sentence stems in every department.', actions: [] },
    ]);
    const partner = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('subject')
        .where('to_address', '=', trust.email('trust_leader'))
        .execute(),
    );
    expect(partner).toHaveLength(1);
    // A stranger is refused and nothing changes.
    const stranger = await head.request('PUT', `/api/debriefs/${debriefId}`, {
      ...body,
      title: 'Changed',
      participants: [{ personId: crypto.randomUUID(), part: 'other', tookPart: false }],
    });
    expect(stranger.status).toBe(422);
    expect((await head.get(`/api/debriefs/${debriefId}`)).body.debrief.title).toBe(
      'Talk for learning: autumn debrief',
    );
  });

  it('publishes a staff summary that names nobody, for every member of staff to read', async () => {
    const head = await as(trust.email('school_leader'));
    const school = trust.school('North');
    await head.request('PUT', `/api/debriefs/${debriefId}/staff-summary`, {
      text: 'Thank you to North teacher for the sentence stems.',
    });
    const named = await head.post(`/api/debriefs/${debriefId}/staff-summary/publish`);
    expect(named.status).toBe(422);
    expect(named.body.error.code).toBe('summary_names_someone');
    expect(named.body.error.message).toContain('North teacher');
    const teacher = await as(trust.email('teacher'));
    expect((await teacher.get(`/api/schools/${school}/staff-summaries`)).body.summaries).toEqual(
      [],
    );

    await head.request('PUT', `/api/debriefs/${debriefId}/staff-summary`, {
      text: 'Across the rooms, pupils explained their thinking to a partner. Next, sentence stems everywhere.',
    });
    const published = await head.post(`/api/debriefs/${debriefId}/staff-summary/publish`);
    expect(published.status).toBe(200);
    const seen = await teacher.get(`/api/schools/${school}/staff-summaries`);
    expect(seen.status).toBe(200);
    expect(seen.body.summaries).toHaveLength(1);
    expect(seen.body.summaries[0]).toMatchObject({
      debriefId,
      text: 'Across the rooms, pupils explained their thinking to a partner. Next, sentence stems everywhere.',
      nextSteps: ['Share sentence stems in every department.'],
    });
    expect((await teacher.get(`/api/staff-summaries/${debriefId}`)).status).toBe(200);
    // Another school's teacher does not read it.
    const southTeacher = await as(trust.email('teacher', 'South'));
    expect((await southTeacher.get(`/api/staff-summaries/${debriefId}`)).status).toBe(403);
    expect((await southTeacher.get(`/api/schools/${school}/staff-summaries`)).status).toBe(403);
    // A trust leader reads it.
    const leader = await as(trust.email('trust_leader'));
    expect(
      (await leader.get(`/api/schools/${school}/staff-summaries`)).body.summaries,
    ).toHaveLength(1);
  });
});
