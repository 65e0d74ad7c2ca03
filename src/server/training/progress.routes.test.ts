import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestFocus, createTestTrust, type TestTrust } from '../testing/factories.ts';
import { signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Issue 15: training progress for leaders. North has four observers (its own and three more),
 * South one; k is 3 (the default). Counts per school and module, never a person.
 */
describe('training progress for leaders', () => {
  let t: TestApp;
  let trust: TestTrust;
  let versionId = '';
  const as = signedIn(() => t);
  const extra: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'progress');
    versionId = (await createTestFocus(t.db, trust)).versionId;
    await withTenant(t.db, trust.trustId, async (tx) => {
      for (let i = 0; i < 3; i++) {
        const p = await tx
          .insertInto('people')
          .values({
            trust_id: trust.trustId,
            full_name: `Observer ${i}`,
            title: 'Mx',
            email: `observer-${i}@progress.test`,
          })
          .returning('person_id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('memberships')
          .values({
            trust_id: trust.trustId,
            person_id: p.person_id,
            school_id: trust.school('North'),
            role: 'observer',
          })
          .execute();
        extra.push(p.person_id);
      }
    });
  });
  afterAll(() => t?.close());

  it('counts, per school and module, the observers who completed it; South (one observer) is hidden', async () => {
    // North's observer reads the guidance over HTTP (no scenes: practice is done with it).
    const observer = await as(trust.email('observer'));
    expect((await observer.post(`/api/training/versions/${versionId}/guidance`)).status).toBe(200);
    const leader = await as(trust.email('trust_leader'));
    const res = await leader.get('/api/training/progress');
    expect(res.status).toBe(200);
    const v = res.body.versions.find((x: { versionId: string }) => x.versionId === versionId);
    const north = v.schools.find((s: { schoolName: string }) => s.schoolName === 'North');
    expect(north).toMatchObject({ observers: 4, suppressed: false, k: 3 });
    expect(north.modules).toEqual([
      { module: 'guidance', completed: 1, share: 0.25 },
      { module: 'neutral_language', completed: 0, share: 0 },
      { module: 'practice_scenes', completed: 1, share: 0.25 },
      { module: 'all', completed: 0, share: 0 },
    ]);
    const south = v.schools.find((s: { schoolName: string }) => s.schoolName === 'South');
    expect(south).toMatchObject({ observers: 1, suppressed: true });
    expect(south.modules.every((m: { completed: null }) => m.completed === null)).toBe(true);
    // The trust's total minus North would give South's one observer away: hidden too.
    expect(v.trust).toMatchObject({ observers: 5, suppressed: true });
    // Nobody is named.
    const text = JSON.stringify(res.body);
    for (const id of [...extra, trust.person(trust.email('observer'))]) {
      expect(text).not.toContain(id);
    }
    expect(text).not.toContain('Observer 0');
  });

  it('shows a school’s leader their own school only; teachers and observers are refused', async () => {
    const head = await as(trust.email('school_leader'));
    const res = await head.get('/api/training/progress');
    expect(res.status).toBe(200);
    const v = res.body.versions.find((x: { versionId: string }) => x.versionId === versionId);
    expect(v.schools.map((s: { schoolName: string }) => s.schoolName)).toEqual(['North']);
    expect(v.trust).toBeNull();
    for (const who of [trust.email('teacher'), trust.email('observer')]) {
      const refused = await (await as(who)).get('/api/training/progress');
      expect(refused.status).toBe(403);
    }
  });
});
