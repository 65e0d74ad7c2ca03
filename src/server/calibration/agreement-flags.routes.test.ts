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
import { signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { flagLowAgreement } from './agreement-flags.ts';

/**
 * Issue 15: look-fors whose agreement is low are flagged to the framework's owners (here the
 * trust's leader: the test framework has no author) once, when a hand-in completes the pairs
 * that make it low; not again while it stays low; lifted when it recovers; flagged anew if it
 * falls again. North's observer and head record the same rooms independently.
 */
const WORD_WALL = 'Pupils use the word wall';

describe('low agreement is flagged to the framework’s owners', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let teachers: string[] = [];
  const as = signedIn(() => t);
  const observers = () => [
    trust.person(trust.email('observer')),
    trust.person(trust.email('school_leader')),
  ];
  const deps = () => ({ db: t.db, config: t.config, transport: null, now: t.clock.now });

  async function lowNotices(email: string) {
    const res = await (await as(email)).get('/api/me/notices');
    expect(res.status).toBe(200);
    return res.body.notices.filter((n: { kind: string }) => n.kind === 'agreement_low');
  }

  /** A walk of the framework's version on `date` whose rooms both observers recorded. */
  async function pairsOn(date: string, answers: readonly (readonly [boolean, boolean])[]) {
    const more = await createTestWalk(t.db, trust, {
      observerIds: observers(),
      teacherIds: teachers.slice(0, answers.length),
      date,
    });
    // The same look-for as the first walk's: the pairs add to its figure.
    const same = { ...more, lookForIds: walk.lookForIds, versionId: walk.versionId };
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .updateTable('walks')
        .set({ focus_id: walk.focusId })
        .where('walk_id', '=', more.walkId)
        .execute(),
    );
    for (const [i, [x, y]] of answers.entries()) {
      for (const [observerId, value] of [
        [observers()[0]!, x],
        [observers()[1]!, y],
      ] as const) {
        await insertHandedInRecord(t.db, trust.trustId, same, {
          visitIndex: i,
          observerId,
          answers: [{ prompt: WORD_WALL, value }],
        });
      }
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'agreement-flags');
    teachers = [
      trust.person(trust.email('teacher')),
      trust.person(trust.email('site_manager')),
      ...(await addTestTeachers(t.db, trust, 'North', 6)).map((p) => p.personId),
    ];
    walk = await createTestWalk(t.db, trust, {
      observerIds: observers(),
      teacherIds: teachers.slice(0, 6),
    });
  });
  afterAll(() => t?.close());

  it('tells the owners once when the second observer’s hand-in completes low pairs', async () => {
    const lookFor = walk.lookForIds.get(WORD_WALL)!;
    // Six rooms; the two agree in two of them, with balanced answers: kappa −1/3.
    const first = [true, true, true, false, false, false];
    const second = [true, false, false, true, true, false];
    for (const [who, values] of [
      [trust.email('observer'), first],
      [trust.email('school_leader'), second],
    ] as const) {
      const c = await as(who);
      for (const [i, visitId] of walk.visitIds.entries()) {
        const put = await c.request('PUT', `/api/records/${crypto.randomUUID()}`, {
          visitId,
          baseVersion: null,
          body: {
            answers: [{ lookForId: lookFor, kind: 'seen', value: values[i] }],
            notes: 'Pupils were working in pairs at their tables.',
            studentVoice: [],
          },
        });
        expect(put.status, JSON.stringify(put.body)).toBe(201);
      }
    }
    const leader = trust.email('trust_leader');
    expect(
      (await (await as(trust.email('observer'))).post(`/api/walks/${walk.walkId}/records/hand-in`))
        .status,
    ).toBe(200);
    // One observer's records make no pair yet: nothing to flag.
    expect(await lowNotices(leader)).toEqual([]);
    expect(
      (
        await (
          await as(trust.email('school_leader'))
        ).post(`/api/walks/${walk.walkId}/records/hand-in`)
      ).status,
    ).toBe(200);
    const told = await lowNotices(leader);
    expect(told).toHaveLength(1);
    expect(told[0].title).toContain(WORD_WALL);
    expect(told[0].link).toBe('/agreement');
    expect(told[0].body).toContain('kappa -0.33 over 6 pairs');
    // The same figure the agreement page flags.
    const page = await (await as(leader)).get('/api/trust/agreement');
    const row = page.body.lookFors.find((f: { lookForId: string }) => f.lookForId === lookFor);
    expect(row.overall.needsClearerGuidance).toBe(true);
    // Mailed too, as other notices of the kind are; nobody else is told (no observer, no head).
    const outbox = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('to_address')
        .where('kind', '=', 'agreement_low')
        .execute(),
    );
    expect(outbox.map((r) => r.to_address)).toEqual([leader]);
    expect(await lowNotices(trust.email('school_leader'))).toEqual([]);
  });

  it('does not tell them again while it stays low', async () => {
    expect(await flagLowAgreement(deps(), [trust.trustId])).toBe(0);
    expect(await flagLowAgreement(deps(), [trust.trustId])).toBe(0);
    expect(await lowNotices(trust.email('trust_leader'))).toHaveLength(1);
  });

  it('lifts the flag when agreement recovers, and flags it anew if it falls again', async () => {
    // Sixteen more rooms where they agree: 18 of 22 agree, kappa 0.64 ≥ 0.6.
    const agree = (v: boolean) => [v, v] as const;
    await pairsOn(
      '2026-11-25',
      Array.from({ length: 8 }, (_, i) => agree(i % 2 === 0)),
    );
    await pairsOn(
      '2026-11-26',
      Array.from({ length: 8 }, (_, i) => agree(i % 2 === 0)),
    );
    expect(await flagLowAgreement(deps(), [trust.trustId])).toBe(0);
    const flags = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        tx
          .selectFrom('agreement_flags')
          .select(['cleared_at', 'pairs'])
          .orderBy('flagged_at')
          .execute(),
      );
    const lifted = await flags();
    expect(lifted).toHaveLength(1);
    expect(lifted[0]!.cleared_at).not.toBeNull();
    // Ten rooms where they differ: 18 of 32, kappa 0.125: flagged again, once.
    const differ = (i: number) => [i % 2 === 0, i % 2 !== 0] as const;
    await pairsOn(
      '2026-11-30',
      Array.from({ length: 8 }, (_, i) => differ(i)),
    );
    await pairsOn(
      '2026-12-01',
      Array.from({ length: 2 }, (_, i) => differ(i)),
    );
    t.clock.advance(60_000);
    expect(await flagLowAgreement(deps(), [trust.trustId])).toBe(1);
    expect(await flagLowAgreement(deps(), [trust.trustId])).toBe(0);
    const again = await flags();
    expect(again.map((f) => [f.cleared_at === null, f.pairs])).toEqual([
      [false, 6],
      [true, 32],
    ]);
    expect(await lowNotices(trust.email('trust_leader'))).toHaveLength(2);
  });
});
