import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Security finding 1: with no SMTP, a school leader added the trust admin's email to their
 * staff, asked for a sign-in link for it, read the link in the outbox and became trust admin.
 * Each step is now closed: links never reach the outbox, and nobody attaches a role to
 * someone who outranks them.
 */
describe('nobody can act as someone else', () => {
  let t: TestApp;
  let a: TestTrust;
  let head: Client;
  let admin: Client;
  const north = () => a.school('North');

  beforeAll(async () => {
    t = await startTestApp({ mail: { smtpUrl: null, from: 'Walks <walks@test.invalid>' } });
    a = await createTestTrust(t.db, 'esc-a');
    head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
    admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
  });
  afterAll(() => t?.close());

  const staffOf = async (email: string) => {
    const res = await admin.get(`/api/schools/${north()}/staff?q=${encodeURIComponent(email)}`);
    return res.body.items as { email: string; roles: string[] }[];
  };

  it('refuses to add the trust admin (or a trust leader) to a school’s staff for a school leader', async () => {
    for (const role of ['trust_admin', 'trust_leader'] as const) {
      const res = await head.post(`/api/schools/${north()}/staff`, {
        fullName: 'Anyone',
        title: null,
        email: a.email(role),
        roles: ['teacher'],
        staffCode: null,
        departmentIds: [],
        coachId: null,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('person_outranks_you');
      expect(res.body.error.message).toMatch(/trust (administrator|leader)/);
      expect(await staffOf(a.email(role))).toEqual([]);
    }
    // The trust admin may add a trust leader to a school (positive control).
    const byAdmin = await admin.post(`/api/schools/${north()}/staff`, {
      fullName: 'Anyone',
      title: null,
      email: a.email('trust_leader'),
      roles: ['teacher'],
      staffCode: null,
      departmentIds: [],
      coachId: null,
    });
    expect(byAdmin.status).toBe(201);
  });

  it('refuses an invitation that would give the trust admin a role at the school', async () => {
    const res = await head.post('/api/invitations', {
      fullName: 'Anyone',
      email: a.email('trust_admin'),
      schoolId: north(),
      roles: ['teacher'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('person_outranks_you');
  });

  it('refuses a staff import that adds the trust admin to the school', async () => {
    const csv = `Email,Name,Role\n${a.email('trust_admin')},Someone,Teacher\n`;
    const res = await head.post(`/api/schools/${north()}/imports/staff/preview`, {
      fileName: 'staff.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(res.status).toBe(200);
    expect(res.body.canApply).toBe(false);
    expect(res.body.problems.map((p: { code: string }) => p.code)).toContain('person_outranks_you');
  });

  it('never shows a sign-in link in the outbox: the link goes to its recipient alone', async () => {
    for (const email of [a.email('trust_admin'), a.email('teacher')]) {
      const asked = await new Client(t.baseUrl).post('/api/auth/email-link', { email });
      expect(asked.status).toBe(202);
    }
    await expect.poll(() => t.consoleMail.length).toBeGreaterThanOrEqual(2);
    for (const reader of [head, admin]) {
      const outbox = await reader.get('/api/outbox?limit=100');
      expect(outbox.status).toBe(200);
      const links = outbox.body.mails.filter(
        (m: { carriesCredential: boolean }) => m.carriesCredential,
      );
      expect(links.length).toBeGreaterThan(0);
      for (const mail of outbox.body.mails) {
        expect(mail.body ?? '').not.toMatch(/token=/);
      }
    }
    // The recipient's own copy (the console, with no SMTP) holds the working link.
    const teacherMail = t.consoleMail.find((m) => m.to === a.email('teacher'));
    expect(teacherMail?.text).toMatch(/\/sign-in\/link#token=/);
  });
});
