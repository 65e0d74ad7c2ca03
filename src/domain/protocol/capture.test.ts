import { describe, expect, it } from 'vitest';
import { type CaptureFacts, captureViolations, SYNC_GRACE_DAYS } from './capture.ts';

const ok: CaptureFacts = {
  walk: { status: 'published', date: '2026-11-25' },
  visit: {
    status: 'planned',
    invited: false,
    noticeGiven: true,
    needsTeacherAgreement: false,
    teacherAgreed: false,
  },
  capture: {
    capturedAtMs: Date.UTC(2026, 10, 25, 10),
    nowMs: Date.UTC(2026, 10, 25, 10, 1),
    capturedOn: '2026-11-25',
    today: '2026-11-25',
  },
};
const codes = (f: CaptureFacts) => captureViolations(f).map((v) => v.code);

describe('the protocol gates on capture', () => {
  it('lets a warned visit on a published walk be recorded on the walk’s day', () => {
    expect(captureViolations(ok)).toEqual([]);
  });

  it('refuses a draft or cancelled walk, and a cancelled visit', () => {
    expect(codes({ ...ok, walk: { ...ok.walk, status: 'draft' } })).toEqual(['walk_not_published']);
    expect(
      codes({
        ...ok,
        walk: { ...ok.walk, status: 'cancelled' },
        visit: { ...ok.visit, status: 'cancelled' },
      }),
    ).toEqual(['walk_cancelled', 'visit_cancelled']);
  });

  it('rule 4: no notice, no record, unless the teacher invited the visit', () => {
    const unwarned = { ...ok, visit: { ...ok.visit, noticeGiven: false } };
    expect(captureViolations(unwarned)).toMatchObject([
      { rule: 'notice', code: 'notice_not_given' },
    ]);
    expect(codes({ ...unwarned, visit: { ...unwarned.visit, invited: true } })).toEqual([]);
  });

  it('rule 4: a visit moved inside the notice period needs the teacher’s agreement', () => {
    const moved = { ...ok, visit: { ...ok.visit, needsTeacherAgreement: true } };
    expect(codes(moved)).toEqual(['teacher_agreement_needed']);
    expect(codes({ ...moved, visit: { ...moved.visit, teacherAgreed: true } })).toEqual([]);
  });

  it('dates a new record on the walk’s day, not in the future, sent within the grace days', () => {
    const c = ok.capture!;
    expect(codes({ ...ok, capture: { ...c, capturedOn: '2026-11-24' } })).toEqual(['wrong_day']);
    expect(codes({ ...ok, capture: { ...c, capturedAtMs: c.nowMs + 6 * 60_000 } })).toEqual([
      'wrong_day',
    ]);
    expect(codes({ ...ok, capture: { ...c, capturedAtMs: c.nowMs + 4 * 60_000 } })).toEqual([]);
    const late = { ...c, today: '2026-12-03' };
    expect(codes({ ...ok, capture: late })).toEqual(['wrong_day']);
    expect(captureViolations({ ...ok, capture: late })[0]!.message).toContain(
      'dated 2026-11-25, sent on 2026-12-03',
    );
    expect(codes({ ...ok, capture: { ...c, today: '2026-12-02' } })).toEqual([]);
    expect(SYNC_GRACE_DAYS).toBe(7);
    // An edit of a stored record is not dated again.
    expect(codes({ ...ok, capture: null })).toEqual([]);
  });
});
