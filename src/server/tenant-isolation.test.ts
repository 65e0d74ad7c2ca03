import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from './testing/factories.ts';
import { Client, startTestApp, type TestApp } from './testing/test-app.ts';

/**
 * Two trusts; every API route that takes an id, called by the most powerful person of
 * trust A with trust A's ids (must succeed: a positive control, so a broken set-up
 * cannot pass) and with trust B's ids (must be 404, and change nothing).
 */
type Ids = { school: string; person: string; framework: string; version: string; focus: string };

const draftBody = {
  name: 'Isolation framework',
  description: '',
  lenses: [
    {
      key: 'l1',
      name: 'Reading',
      lookFors: [{ key: 'r1', prompt: 'Pupils read aloud', answerKind: 'prevalence' }],
    },
  ],
};

type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: (i: Ids) => string;
  body?: (i: Ids) => unknown;
};

// Every API path with a parameter must appear here; the first test checks the list is complete.
const routes: Record<string, Call> = {
  'GET /api/schools/{schoolId}': { method: 'GET', url: (i) => `/api/schools/${i.school}` },
  'GET /api/schools/{schoolId}/staff': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/staff`,
  },
  'GET /api/schools/{schoolId}/rooms': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/rooms`,
  },
  'GET /api/schools/{schoolId}/people/{personId}/timetable': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/people/${i.person}/timetable`,
  },
  'GET /api/frameworks/{frameworkId}/versions/{versionNo}': {
    method: 'GET',
    url: (i) => `/api/frameworks/${i.framework}/versions/1`,
  },
  'GET /api/frameworks/{frameworkId}/versions/{versionNo}/export': {
    method: 'GET',
    url: (i) => `/api/frameworks/${i.framework}/versions/1/export`,
  },
  'PUT /api/frameworks/{frameworkId}/draft': {
    method: 'PUT',
    url: (i) => `/api/frameworks/${i.framework}/draft`,
    body: () => draftBody,
  },
  'POST /api/frameworks/{frameworkId}/draft/publish': {
    method: 'POST',
    url: (i) => `/api/frameworks/${i.framework}/draft/publish`,
  },
  'POST /api/frameworks/{frameworkId}/versions': {
    method: 'POST',
    url: (i) => `/api/frameworks/${i.framework}/versions`,
  },
  'GET /api/schools/{schoolId}/foci': {
    method: 'GET',
    url: (i) => `/api/schools/${i.school}/foci`,
  },
  'POST /api/schools/{schoolId}/foci': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/foci`,
    body: (i) => ({ title: 'T', purpose: 'Why', versionId: i.version, lookForIds: [] }),
  },
  'DELETE /api/schools/{schoolId}/foci/{focusId}': {
    method: 'DELETE',
    url: (i) => `/api/schools/${i.school}/foci/${i.focus}`,
  },
  'POST /api/schools/{schoolId}/look-fors': {
    method: 'POST',
    url: (i) => `/api/schools/${i.school}/look-fors`,
    body: () => ({ prompt: 'Pupils use the word wall', answerKind: 'seen' }),
  },
};

describe('tenant isolation across every route with an id', () => {
  let t: TestApp;
  const ids = new Map<string, Ids>();
  const admins = new Map<string, Client>();

  async function setUp(trust: TestTrust) {
    const admin = new Client(t.baseUrl);
    await admin.signIn(trust.email('trust_admin'));
    admins.set(trust.fixture.slug, admin);
    const created = await admin.post('/api/frameworks', { name: 'Isolation', kind: 'learning' });
    expect(created.status).toBe(201);
    const framework = created.body.framework.id as string;
    expect(
      (await admin.request('PUT', `/api/frameworks/${framework}/draft`, draftBody)).status,
    ).toBe(200);
    const published = await admin.post(`/api/frameworks/${framework}/draft/publish`);
    expect(published.status).toBe(200);
    const lookFor = published.body.body.lenses[0].lookFors[0].id as string;
    const school = trust.school('North');
    const focus = await admin.post(`/api/schools/${school}/foci`, {
      title: 'Reading',
      purpose: 'To see how pupils read aloud across subjects.',
      versionId: published.body.version.id,
      lookForIds: [lookFor],
    });
    expect(focus.status).toBe(201);
    ids.set(trust.fixture.slug, {
      school,
      person: trust.person(trust.email('teacher')),
      framework,
      version: published.body.version.id,
      focus: focus.body.focus?.id ?? focus.body.id,
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    await setUp(await createTestTrust(t.db, 'iso-a'));
    await setUp(await createTestTrust(t.db, 'iso-b'));
  });
  afterAll(() => t?.close());

  it('lists every parameterised route of the OpenAPI document', async () => {
    const doc = await new Client(t.baseUrl).get('/api/docs/json');
    const withIds = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(withIds.length).toBeGreaterThan(5);
    expect(withIds.filter((r) => !(r in routes))).toEqual([]);
  });

  it('has ids for both trusts (the set-up itself is a control)', () => {
    const a = ids.get('iso-a')!;
    const b = ids.get('iso-b')!;
    for (const key of Object.keys(a) as (keyof Ids)[]) {
      expect(a[key]).toMatch(/^[0-9a-f-]{36}$/);
      expect(b[key]).toMatch(/^[0-9a-f-]{36}$/);
      expect(a[key]).not.toBe(b[key]);
    }
  });

  for (const [name, call] of Object.entries(routes)) {
    it(`${name}: the other trust's ids → 404; own ids reach the resource`, async () => {
      const admin = admins.get('iso-a')!;
      const other = ids.get('iso-b')!;
      const own = ids.get('iso-a')!;
      const refused = await admin.request(call.method, call.url(other), call.body?.(other));
      expect(refused.status, 'other trust').toBe(404);
      expect(refused.body.error.code).toBe('not_found');
      // Positive control: the same call on A's own ids is not "not found" (it may be refused
      // for another reason, such as a focus on an unknown version, but it found the thing).
      const allowed = await admin.request(call.method, call.url(own), call.body?.(own));
      expect(allowed.status, `own trust: ${JSON.stringify(allowed.body)}`).not.toBe(404);
      expect(allowed.status).toBeLessThan(500);
    });
  }

  it("left the other trust's framework and focus untouched", async () => {
    const b = ids.get('iso-b')!;
    const adminB = admins.get('iso-b')!;
    const version = await adminB.get(`/api/frameworks/${b.framework}/versions/1`);
    expect(version.status).toBe(200);
    expect(version.body.version.status).toBe('published');
    expect((await adminB.get(`/api/frameworks/${b.framework}/versions/2`)).status).toBe(404);
    const foci = await adminB.get(`/api/schools/${b.school}/foci`);
    expect(foci.body.foci.map((f: { id: string }) => f.id)).toEqual([b.focus]); // none added by A
    expect(foci.body.schoolLookFors).toEqual([]);
  });
});
