import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The audit log (issue 17): a trust admin reads who read or changed what, filtered by person,
 * kind, dates and school, and exports it as CSV; a visited teacher sees who read the records of
 * their own visits, and nobody else's.
 */
describe('audit log', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  const as = signedIn(() => t);

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'audit-log');
    walk = await createTestWalk(t.db, trust);
    const observer = trust.person(trust.email('observer'));
    for (const visitIndex of [0, 1]) {
      await insertHandedInRecord(t.db, trust.trustId, walk, {
        visitIndex,
        observerId: observer,
        notes: 'Pairs talked.',
      });
    }
    // The head reads both visits' records: two audited reads.
    const head = await as(trust.email('school_leader'));
    for (const visitId of walk.visitIds.slice(0, 2)) {
      expect((await head.get(`/api/visits/${visitId}/records`)).status).toBe(200);
    }
    // A South event, to show the school filter leaves it out.
    const southHead = await as(trust.email('school_leader', 'South'));
    await southHead.get(`/api/schools/${trust.school('South')}/insights`);
  });
  afterAll(() => t?.close());

  it('shows a trust admin who read what, filtered by person, kind, school and date', async () => {
    const admin = await as(trust.email('trust_admin'));
    const all = await admin.get('/api/trust/audit');
    expect(all.status).toBe(200);
    expect(all.body.actions).toContain('record.read');
    const reads = await admin.get(
      `/api/trust/audit?action=record.read&person=${encodeURIComponent('North school leader')}`,
    );
    expect(reads.status).toBe(200);
    expect(reads.body.total).toBe(2);
    expect(
      reads.body.items.every((e: { actorName: string }) => e.actorName === 'North school leader'),
    ).toBe(true);
    const north = await admin.get(
      `/api/trust/audit?action=record.read&school=${trust.school('North')}`,
    );
    expect(north.body.total).toBe(2);
    const south = await admin.get(
      `/api/trust/audit?action=record.read&school=${trust.school('South')}`,
    );
    expect(south.body.total).toBe(0);
    const before = await admin.get('/api/trust/audit?action=record.read&to=2000-01-01');
    expect(before.body.total).toBe(0);
    const paged = await admin.get('/api/trust/audit?pageSize=1&page=2');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(all.body.total);
  });

  it('exports the filtered log as CSV', async () => {
    const admin = await as(trust.email('trust_admin'));
    const res = await fetch(`${t.baseUrl}/api/trust/audit.csv?action=record.read`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('at,actor_id,actor,action,subject_type,subject_id,subject_person');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('North school leader,record.read,record,');
  });

  it('is for trust admins only', async () => {
    for (const role of ['trust_leader', 'school_leader', 'teacher'] as const) {
      const c = await as(trust.email(role));
      expect((await c.get('/api/trust/audit')).status).toBe(403);
      expect((await c.get('/api/trust/audit.csv')).status).toBe(403);
    }
  });

  it('shows a visited teacher who read the records of their visits, and no one else’s', async () => {
    // Visit 0 is the teacher's; visit 1 the head's own lesson.
    const teacher = await as(trust.email('teacher'));
    const mine = await teacher.get('/api/me/record-readers');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        reader: 'North school leader',
        what: 'record',
        visitDate: '2026-11-23',
      }),
    ]);
    const site = await as(trust.email('site_manager'));
    expect((await site.get('/api/me/record-readers')).status).toBe(403);
  });
});
