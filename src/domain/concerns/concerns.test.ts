import { describe, expect, it } from 'vitest';
import { testCalendar } from '../calendar/test-calendar.ts';
import { concernsRow } from '../protocol/report-rules.ts';
import {
  acknowledgeBy,
  acknowledgementOverdue,
  type ConcernFact,
  concernStage,
  nextSteps,
  schoolDaysToAcknowledge,
  summariseConcerns,
} from './concerns.ts';

const open = { acknowledgedAt: null, answeredAt: null, decision: null, escalationAnsweredAt: null };

describe('concerns (rule 12)', () => {
  it('is due for acknowledgement five school days on, skipping holidays and INSET days', () => {
    // Raised Friday 23 October: half term (26–30 October) does not count.
    expect(acknowledgeBy(testCalendar, '2026-10-23', 5)).toBe('2026-11-06');
    // Raised Monday 23 November: the INSET day on Friday 27 November does not count.
    expect(acknowledgeBy(testCalendar, '2026-11-23', 5)).toBe('2026-12-01');
    // Past the calendar as entered, weekdays are counted.
    expect(acknowledgeBy(testCalendar, '2028-01-07', 2)).toBe('2028-01-11');
  });

  it('is overdue only after the day it was due by, and never once acknowledged', () => {
    const c = { acknowledgedAt: null, acknowledgeBy: '2026-12-01' };
    expect(acknowledgementOverdue(c, '2026-12-01')).toBe(false);
    expect(acknowledgementOverdue(c, '2026-12-02')).toBe(true);
    expect(
      acknowledgementOverdue({ ...c, acknowledgedAt: '2026-12-02T09:00:00Z' }, '2026-12-03'),
    ).toBe(false);
  });

  it('counts school days to acknowledge, not counting the day raised', () => {
    expect(schoolDaysToAcknowledge(testCalendar, '2026-11-23', '2026-11-23')).toBe(0);
    expect(schoolDaysToAcknowledge(testCalendar, '2026-11-23', '2026-11-24')).toBe(1);
    // Friday 27 November is an INSET day; the weekend does not count.
    expect(schoolDaysToAcknowledge(testCalendar, '2026-11-26', '2026-11-30')).toBe(1);
  });

  it('moves through its stages and offers each person only their next step', () => {
    expect(concernStage(open)).toBe('awaiting_acknowledgement');
    const answered = { ...open, acknowledgedAt: 'x', answeredAt: 'y' };
    expect(concernStage(answered)).toBe('answered');
    expect(concernStage({ ...answered, decision: 'escalated' })).toBe('escalated');
    expect(concernStage({ ...answered, decision: 'escalated', escalationAnsweredAt: 'z' })).toBe(
      'escalation_answered',
    );
    expect(nextSteps({ ...open, supporterStatus: 'asked' }, ['handler'])).toEqual({
      support: false,
      acknowledge: true,
      answer: false,
      decide: false,
      answerEscalation: false,
    });
    expect(
      nextSteps({ ...answered, supporterStatus: 'asked' }, ['raiser', 'supporter']),
    ).toMatchObject({
      support: true,
      decide: true,
      acknowledge: false,
    });
    // The handler cannot answer before acknowledging, nor decide for the raiser.
    expect(nextSteps({ ...open, supporterStatus: null }, ['handler']).answer).toBe(false);
    expect(nextSteps({ ...answered, supporterStatus: null }, ['handler']).decide).toBe(false);
  });

  it('summarises counts, time to acknowledge and outcomes by kind, and the report row says so without contents', () => {
    const facts: ConcernFact[] = [
      {
        kind: 'notice',
        acknowledgeBy: '2026-12-01',
        ackSchoolDays: 1,
        acknowledgedLate: false,
        outcome: 'practice_changed',
        decision: 'accepted',
      },
      {
        kind: 'notice',
        acknowledgeBy: '2026-12-01',
        ackSchoolDays: 7,
        acknowledgedLate: true,
        outcome: 'explained',
        decision: 'escalated',
      },
      {
        kind: 'frequency',
        acknowledgeBy: '2026-12-01',
        ackSchoolDays: null,
        acknowledgedLate: false,
        outcome: null,
        decision: null,
      },
    ];
    const s = summariseConcerns(facts, '2026-12-02');
    expect(s).toMatchObject({
      raised: 3,
      acknowledged: 2,
      acknowledgedInTime: 1,
      overdue: 1,
      medianSchoolDaysToAcknowledge: 4,
      answered: 2,
      accepted: 1,
      escalated: 1,
    });
    expect(s.byKind).toEqual([
      {
        kind: 'notice',
        raised: 2,
        outcomes: [
          { outcome: 'practice_changed', count: 1 },
          { outcome: 'explained', count: 1 },
        ],
      },
      { kind: 'frequency', raised: 1, outcomes: [] },
    ]);
    const row = concernsRow({ summary: s, acknowledgeSchoolDays: 5 });
    expect(row.status).toBe('broken');
    expect(row.violations).toBe(2);
    expect(row.evidence).toContain('Median time to acknowledge: 4 school days.');
    expect(row.evidence).toContain(
      'Prior warning: 2 raised; outcomes: practice changed 1, explained; no change needed 1.',
    );
    expect(
      concernsRow({ summary: summariseConcerns([], '2026-12-02'), acknowledgeSchoolDays: 5 })
        .status,
    ).toBe('not_applicable');
    const kept = summariseConcerns([facts[0]!], '2026-12-02');
    expect(concernsRow({ summary: kept, acknowledgeSchoolDays: 5 }).status).toBe('kept');
  });
});
