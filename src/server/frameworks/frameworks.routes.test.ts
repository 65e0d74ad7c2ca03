import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

const lookFor = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  key,
  prompt,
  answerKind: 'prevalence',
  ...extra,
});

const readingBody = (prompts: string[]) => ({
  name: 'Reading across the curriculum',
  description: 'How pupils read in every subject.',
  lenses: [
    {
      key: 'reading',
      name: 'Reading',
      lookFors: prompts.map((p, i) => lookFor(`r${i + 1}`, p)),
    },
  ],
});

describe('frameworks API', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const clients = new Map<string, Client>();

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  }

  async function newFramework(name: string, prompts: string[]) {
    const leader = await as(a.email('trust_leader'));
    const created = await leader.post('/api/frameworks', { name, kind: 'learning' });
    expect(created.status).toBe(201);
    const id: string = created.body.framework.id;
    const saved = await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      ...readingBody(prompts),
      name,
    });
    expect(saved.status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'fw-a');
    b = await createTestTrust(t.db, 'fw-b');
  });
  afterAll(() => t?.close());

  it('lets a trust leader draft a framework and refuses to publish a teacher-rating prompt, naming it', async () => {
    const leader = await as(a.email('trust_leader'));
    const id = await newFramework('Reading', [
      'Pupils read aloud with expression',
      "Rate the teacher's questioning on a scale of 1-4",
      'Pupils choose books at the right level',
    ]);
    // The draft shows, before publishing, what would block it.
    const draft = await leader.get(`/api/frameworks/${id}/versions/1`);
    expect(draft.body.version.status).toBe('draft');
    expect(draft.body.problems.map((p: { path: string }) => p.path)).toContain(
      'lenses[0].lookFors[1].prompt',
    );

    const refused = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('framework_rejected');
    expect(refused.body.error.message).toContain(
      "“Rate the teacher's questioning on a scale of 1-4”",
    );
    expect(refused.body.error.details[0]).toMatchObject({
      code: 'teacher_evaluation',
      prompt: "Rate the teacher's questioning on a scale of 1-4",
      rule: 'rates-the-teacher',
    });
    // Nothing changed: still a draft.
    expect((await leader.get(`/api/frameworks/${id}/versions/1`)).body.version.status).toBe(
      'draft',
    );

    const fixed = await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      ...readingBody([
        'Pupils read aloud with expression',
        'Pupils answer questions about the text with reasons',
        'Pupils choose books at the right level',
      ]),
      name: 'Reading',
    });
    expect(fixed.body.problems).toEqual([]);
    const published = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({ versionNo: 1, status: 'published' });
    expect(published.body.canEdit).toBe(false);
  });

  it('refuses student-voice prompts that ask pupils about their teacher', async () => {
    const leader = await as(a.email('trust_leader'));
    const created = await leader.post('/api/frameworks', {
      name: 'Pupil conversations',
      kind: 'student_voice',
    });
    const id = created.body.framework.id;
    await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      name: 'Pupil conversations',
      lenses: [
        {
          key: 'talk',
          name: 'Talking about learning',
          lookFors: [
            lookFor('today', 'What are you learning today?', {
              audience: 'pupils',
              answerKind: 'note',
            }),
            lookFor('like', 'Do you like your teacher?', {
              audience: 'pupils',
              answerKind: 'note',
            }),
          ],
        },
      ],
    });
    const refused = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        code: 'student_voice_about_teacher',
        prompt: 'Do you like your teacher?',
        path: 'lenses[0].lookFors[1].prompt',
      }),
    ]);
  });

  it('freezes a published version: the API refuses edits and the database refuses changes', async () => {
    const leader = await as(a.email('trust_leader'));
    const id = await newFramework('Frozen', ['Pupils read fluently']);
    expect((await leader.post(`/api/frameworks/${id}/draft/publish`)).status).toBe(200);
    const edit = await leader.request('PUT', `/api/frameworks/${id}/draft`, readingBody(['X']));
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('no_draft');

    // The second wall: even the app role, going round the service, cannot change it.
    await expect(
      withTenant(t.db, a.trustId, (tx) =>
        sql`UPDATE framework_look_fors SET prompt = 'Changed' WHERE version_id IN (SELECT version_id FROM framework_versions WHERE framework_id = ${id})`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/published/);
    await expect(
      withTenant(t.db, a.trustId, (tx) =>
        sql`DELETE FROM framework_versions WHERE framework_id = ${id}`.execute(tx),
      ),
    ).rejects.toThrow(/published/);
    const after = await leader.get(`/api/frameworks/${id}/versions/1`);
    expect(after.body.body.lenses[0].lookFors[0].prompt).toBe('Pupils read fluently');
  });

  it('starts version 2 with continuity, renames and adds look-fors, and still renders version 1', async () => {
    const leader = await as(a.email('trust_leader'));
    const id = await newFramework('Versioned', ['Pupils read fluently', 'Pupils discuss texts']);
    await leader.post(`/api/frameworks/${id}/draft/publish`);

    const v2 = await leader.post(`/api/frameworks/${id}/versions`);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toMatchObject({ versionNo: 2, status: 'draft' });
    expect(v2.body.body.lenses[0].lookFors.map((f: { continues: string }) => f.continues)).toEqual([
      'r1',
      'r2',
    ]);
    expect((await leader.post(`/api/frameworks/${id}/versions`)).body.error.code).toBe(
      'draft_exists',
    );

    const saved = await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      name: 'Versioned',
      lenses: [
        {
          key: 'reading',
          name: 'Reading',
          lookFors: [
            lookFor('fluency', 'Pupils read aloud fluently and accurately', { continues: 'r1' }),
            lookFor('r2', 'Pupils discuss texts', { continues: 'r2' }),
            lookFor('new', 'Pupils recommend books to each other'),
          ],
        },
      ],
    });
    expect(saved.status).toBe(200);
    const bad = await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      name: 'Versioned',
      lenses: [
        {
          key: 'reading',
          name: 'Reading',
          lookFors: [lookFor('x', 'Pupils read', { continues: 'gone' })],
        },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('framework_invalid');
    expect(bad.body.error.details[0].code).toBe('continuity_unknown');

    const published = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(published.status).toBe(200);
    const continues = published.body.body.lenses[0].lookFors.map(
      (f: { key: string; continues: string | null }) => [f.key, f.continues],
    );
    expect(continues).toEqual([
      ['fluency', 'r1'],
      ['r2', 'r2'],
      ['new', null],
    ]);
    // Version 1 is untouched and still renders with its own words.
    const v1 = await leader.get(`/api/frameworks/${id}/versions/1`);
    expect(v1.body.version.status).toBe('published');
    expect(v1.body.body.lenses[0].lookFors.map((f: { prompt: string }) => f.prompt)).toEqual([
      'Pupils read fluently',
      'Pupils discuss texts',
    ]);
    const list = await leader.get('/api/frameworks');
    const entry = list.body.frameworks.find((f: { id: string }) => f.id === id);
    expect(entry.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1, 2]);
  });

  it('exports a version as JSON and imports it back as an equal draft', async () => {
    const leader = await as(a.email('trust_leader'));
    const created = await leader.post('/api/frameworks', {
      name: 'From the library',
      kind: 'learning',
      fromLibrary: 'teaching-and-learning',
    });
    expect(created.status).toBe(201);
    const id = created.body.framework.id;
    expect(created.body.body.lenses).toHaveLength(7);
    expect((await leader.post(`/api/frameworks/${id}/draft/publish`)).status).toBe(200);

    const exported = await leader.get(`/api/frameworks/${id}/versions/1/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body).toMatchObject({ format: 'learning-walks/framework', formatVersion: 1 });

    // Into another trust: a new framework, a draft version 1 with the same content.
    const other = await as(b.email('trust_admin'));
    const imported = await other.post('/api/frameworks/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.problems).toEqual([]);
    const draft = await other.get(`/api/frameworks/${imported.body.framework.id}/versions/1`);
    expect(draft.body.version.status).toBe('draft');
    const again = await other.get(
      `/api/frameworks/${imported.body.framework.id}/versions/1/export`,
    );
    expect(again.body.framework).toEqual(exported.body.framework);

    // Importing twice keeps both, under distinct names.
    const twice = await other.post('/api/frameworks/import', exported.body);
    expect(twice.body.framework.name).toBe('From the library (imported)');

    const notOurs = await other.post('/api/frameworks/import', { format: 'something-else' });
    expect(notOurs.status).toBe(400);
  });

  it('lets only trust leaders and admins change frameworks; staff may read them', async () => {
    const id = await newFramework('Permissions', ['Pupils read']);
    for (const role of ['school_leader', 'teacher', 'observer'] as const) {
      const client = await as(a.email(role));
      const create = await client.post('/api/frameworks', { name: `By ${role}`, kind: 'learning' });
      expect(create.status, role).toBe(403);
      const save = await client.request('PUT', `/api/frameworks/${id}/draft`, readingBody(['X']));
      expect(save.status, role).toBe(403);
      const publish = await client.post(`/api/frameworks/${id}/draft/publish`);
      expect(publish.status, role).toBe(403);
      const read = await client.get(`/api/frameworks/${id}/versions/1`);
      expect(read.status, role).toBe(200);
      expect(read.body.canEdit, role).toBe(false);
    }
    const admin = await as(a.email('trust_admin'));
    expect((await admin.post(`/api/frameworks/${id}/draft/publish`)).status).toBe(200);
  });

  it("answers 404 for another trust's framework and school, even to its admin", async () => {
    const id = await newFramework('Private to A', ['Pupils read']);
    const other = await as(b.email('trust_admin'));
    for (const res of [
      await other.get(`/api/frameworks/${id}/versions/1`),
      await other.get(`/api/frameworks/${id}/versions/1/export`),
      await other.request('PUT', `/api/frameworks/${id}/draft`, readingBody(['X'])),
      await other.post(`/api/frameworks/${id}/draft/publish`),
      await other.post(`/api/frameworks/${id}/versions`),
      await other.get(`/api/schools/${a.school('North')}/foci`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const list = await other.get('/api/frameworks');
    expect(list.body.frameworks.map((f: { id: string }) => f.id)).not.toContain(id);
  });

  it("lets a school leader set foci and add the school's own look-fors, checked the same way", async () => {
    const leader = await as(a.email('trust_leader'));
    const id = await newFramework('For foci', ['Pupils read aloud', 'Pupils discuss texts']);
    const published = await leader.post(`/api/frameworks/${id}/draft/publish`);
    const versionId = published.body.version.id;
    const [first] = published.body.body.lenses[0].lookFors;
    const school = a.school('North');
    const head = await as(a.email('school_leader'));

    const badOwn = await head.post(`/api/schools/${school}/look-fors`, {
      prompt: 'Is Mr Smith a good teacher?',
      answerKind: 'note',
      audience: 'pupils',
    });
    expect(badOwn.status).toBe(422);
    expect(badOwn.body.error.code).toBe('look_for_rejected');
    const own = await head.post(`/api/schools/${school}/look-fors`, {
      prompt: 'Pupils use the reading corner at break',
      answerKind: 'seen',
      lensName: 'Reading',
    });
    expect(own.status).toBe(201);

    const noPurpose = await head.post(`/api/schools/${school}/foci`, {
      title: 'Reading',
      purpose: '',
      versionId,
      lookForIds: [first.id],
    });
    expect(noPurpose.status).toBe(422);
    expect(noPurpose.body.error.details[0].code).toBe('purpose_missing');

    const focus = await head.post(`/api/schools/${school}/foci`, {
      title: 'Reading aloud in Year 7',
      purpose: 'How often pupils read aloud, to plan our reading fluency training.',
      versionId,
      lookForIds: [first.id],
      schoolLookForIds: [own.body.id],
    });
    expect(focus.status).toBe(201);
    expect(focus.body.lookFors.map((f: { prompt: string }) => f.prompt)).toEqual([
      'Pupils read aloud',
    ]);
    expect(focus.body.schoolLookFors).toHaveLength(1);

    // Staff can read the school's foci; a teacher cannot set them; another school's leader cannot see them.
    const teacher = await as(a.email('teacher'));
    const seen = await teacher.get(`/api/schools/${school}/foci`);
    expect(seen.body.foci.map((f: { title: string }) => f.title)).toEqual([
      'Reading aloud in Year 7',
    ]);
    expect(seen.body.canEdit).toBe(false);
    expect(
      (await teacher.post(`/api/schools/${school}/foci`, { ...focus.body, id: undefined })).status,
    ).toBe(400);
    const teacherTry = await teacher.post(`/api/schools/${school}/foci`, {
      title: 'Mine',
      purpose: 'A purpose long enough to pass the check.',
      versionId,
      lookForIds: [first.id],
    });
    expect(teacherTry.status).toBe(403);
    const southHead = await as(a.email('school_leader', 'South'));
    expect((await southHead.get(`/api/schools/${school}/foci`)).status).toBe(403);
    // The trust leader may look, but the school sets its own foci.
    const trustLeaderTry = await leader.post(`/api/schools/${school}/foci`, {
      title: 'Trust',
      purpose: 'A purpose long enough to pass the check.',
      versionId,
      lookForIds: [first.id],
    });
    expect(trustLeaderTry.status).toBe(403);

    const removed = await head.request('DELETE', `/api/schools/${school}/foci/${focus.body.id}`);
    expect(removed.status).toBe(204);
    expect((await head.get(`/api/schools/${school}/foci`)).body.foci).toEqual([]);
  });
});
