/**
 * The protocol's gates on capture (rules 1 and 4, and the walk's day): whether an observer may
 * record a visit at all. The server asks `captureViolations` before it stores a record and
 * refuses with the first violation's code and message (422); the web app may ask it early.
 * Who may record (the walk's observers) is the server's policy, not a protocol rule.
 */
import { addDays, type IsoDate } from '../calendar/calendar.ts';
import type { ProtocolRule } from './types.ts';

/** Days after the walk in which a device that was offline may still send what it captured. */
export const SYNC_GRACE_DAYS = 7;
/** How far a device clock may run ahead of the server's before its time is not believed. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type CaptureViolationCode =
  | 'walk_cancelled'
  | 'walk_not_published'
  | 'visit_cancelled'
  | 'notice_not_given'
  | 'teacher_agreement_needed'
  | 'wrong_day';

/** A refused capture: the rule it keeps (when it is one of the protocol's), a code and a message. */
export type CaptureViolation = {
  rule: ProtocolRule | null;
  code: CaptureViolationCode;
  message: string;
};

/** What the capture gates look at; dates are the school's own ('YYYY-MM-DD' in its time zone). */
export type CaptureFacts = {
  walk: { status: 'draft' | 'published' | 'cancelled'; date: IsoDate };
  visit: {
    status: 'planned' | 'cancelled';
    invited: boolean;
    noticeGiven: boolean;
    needsTeacherAgreement: boolean;
    teacherAgreed: boolean;
  };
  /**
   * For a new record (an edit of a stored one is not dated again): when the device says it was
   * captured, the school's date of that instant and of today, and the server's clock.
   */
  capture?: { capturedAtMs: number; nowMs: number; capturedOn: IsoDate; today: IsoDate } | null;
};

/**
 * Everything that stops a visit being recorded, in the order the server refuses them: the walk
 * is published (not a draft, not cancelled), the visit is not cancelled, its teacher was given
 * prior warning unless they invited it (rule 4), a visit moved or added inside the notice period
 * has the teacher's agreement, and a new record is dated on the walk's day (not in the future,
 * sent within SYNC_GRACE_DAYS). Empty when the visit may be recorded.
 */
export function captureViolations(facts: CaptureFacts): CaptureViolation[] {
  const { walk, visit, capture } = facts;
  const out: CaptureViolation[] = [];
  if (walk.status !== 'published') {
    out.push(
      walk.status === 'cancelled'
        ? {
            rule: null,
            code: 'walk_cancelled',
            message: 'This walk was cancelled, so its visits cannot be recorded.',
          }
        : {
            rule: null,
            code: 'walk_not_published',
            message: 'This walk is still a draft, so its visits cannot be recorded yet.',
          },
    );
  }
  if (visit.status === 'cancelled') {
    out.push({
      rule: null,
      code: 'visit_cancelled',
      message: 'This visit was cancelled, so it cannot be recorded. Move on to the next room.',
    });
  }
  if (!visit.invited && !visit.noticeGiven) {
    out.push({
      rule: 'notice',
      code: 'notice_not_given',
      message:
        'The teacher of this class was not given prior warning of this visit, so it cannot be recorded (protocol rule 4). Do not visit this room; tell the school leader who planned the walk.',
    });
  }
  // A visit moved or added inside the notice period goes ahead only with the teacher's agreement.
  if (visit.needsTeacherAgreement && !visit.teacherAgreed) {
    out.push({
      rule: 'notice',
      code: 'teacher_agreement_needed',
      message:
        'This visit was moved inside the notice period and the teacher has not agreed to it yet, so it cannot be recorded (protocol rule 4). Do not visit this room unless the teacher agrees.',
    });
  }
  if (capture) {
    const { capturedAtMs, nowMs, capturedOn, today } = capture;
    const inTime =
      capturedAtMs <= nowMs + CLOCK_SKEW_MS &&
      capturedOn === walk.date &&
      today <= addDays(walk.date, SYNC_GRACE_DAYS);
    if (!inTime) {
      out.push({
        rule: null,
        code: 'wrong_day',
        message: `This walk is on ${walk.date}; a record for it can only be made on that day (this one is dated ${capturedOn}${today !== capturedOn ? `, sent on ${today}` : ''}). Check the date on your device, or record the visit on the walk's day.`,
      });
    }
  }
  return out;
}
