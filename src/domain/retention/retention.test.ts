import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  erasedRecordBody,
  RETENTION_BOUNDS,
  recordsCutoff,
  retentionCutoffs,
  retentionProblems,
  schoolYearStart,
  yearsBefore,
} from './retention.ts';

describe('retention', () => {
  it('puts a day in its English school year (from 1 September)', () => {
    expect(schoolYearStart('2026-09-01')).toBe('2026-09-01');
    expect(schoolYearStart('2026-08-31')).toBe('2025-09-01');
    expect(schoolYearStart('2027-01-15')).toBe('2026-09-01');
  });

  it('keeps a visit for the rest of its school year and N whole school years after', () => {
    // October 2022 with three years: kept through 2025–26, erased from 1 September 2026.
    expect(recordsCutoff('2026-08-31', 3)).toBe('2022-09-01');
    expect('2022-10-10' < recordsCutoff('2026-08-31', 3)).toBe(false);
    expect(recordsCutoff('2026-09-01', 3)).toBe('2023-09-01');
    expect('2022-10-10' < recordsCutoff('2026-09-01', 3)).toBe(true);
    expect('2023-09-01' < recordsCutoff('2026-09-01', 3)).toBe(false);
  });

  it('takes whole years off an instant, 29 February falling back to the 28th', () => {
    expect(yearsBefore(new Date('2026-12-03T10:00:00Z'), 6).toISOString()).toBe(
      '2020-12-03T10:00:00.000Z',
    );
    expect(yearsBefore(new Date('2028-02-29T10:00:00Z'), 1).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
  });

  it('gives every cut-off from the defaults', () => {
    const now = new Date('2026-12-03T02:00:00Z');
    const c = retentionCutoffs(DEFAULT_RETENTION, now, '2026-12-03');
    expect(c.recordsVisitBefore).toBe('2023-09-01');
    expect(c.auditBefore.toISOString()).toBe('2020-12-03T02:00:00.000Z');
    expect(c.mailBefore.toISOString()).toBe('2026-09-04T02:00:00.000Z');
  });

  it('accepts the defaults and refuses values outside the safe bounds, naming each', () => {
    expect(retentionProblems(DEFAULT_RETENTION)).toEqual([]);
    const problems = retentionProblems({
      ...DEFAULT_RETENTION,
      recordsSchoolYears: 0,
      mailDays: 2.5,
      auditYears: RETENTION_BOUNDS.auditYears.max + 1,
    });
    expect(problems.map((p) => p.setting)).toEqual([
      'recordsSchoolYears',
      'auditYears',
      'mailDays',
    ]);
    expect(problems[0]!.message).toContain('from 1 to 10');
  });
});

describe('an erased record body', () => {
  it('keeps the evidence answers and drops every written word', () => {
    const erased = erasedRecordBody({
      answers: [
        { lookForId: 'b', kind: 'prevalence', value: 'most' },
        { lookForId: 'a', kind: 'note', value: 'Pupils said they liked it' },
        { lookForId: 'c', kind: 'count', value: 4 },
      ],
      notes: 'Busy room, lively talk.',
      studentVoice: [{ promptId: 'p', text: 'We are learning fractions' }],
      kept: [{ field: 'notes', phrase: 'lively', reason: 'Fair' }],
    });
    expect(erased).toEqual({
      answers: [
        { lookForId: 'b', kind: 'prevalence', value: 'most' },
        { lookForId: 'c', kind: 'count', value: 4 },
      ],
      notes: '',
      studentVoice: [],
    });
  });
});
