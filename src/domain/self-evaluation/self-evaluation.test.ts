import { describe, expect, it } from 'vitest';
import {
  disagreement,
  type SelfEvaluationFacts,
  selfEvaluationRows,
  statementEvidence,
  statementIds,
  statements,
  unrated,
} from './self-evaluation.ts';

const kept = (evidence: string) => ({ status: 'kept' as const, evidence: [evidence] });
const broken = (evidence: string) => ({ status: 'broken' as const, evidence: [evidence] });

/** A term where everything the app can see went well. */
const good: SelfEvaluationFacts = {
  walks: 4,
  visits: 20,
  rules: {
    programme: kept('Programme agreed with staff on Mon 7 Sep 2026.'),
    focus: kept('Every walk stated its focus and purpose.'),
    notice: kept('Every visit had notice.'),
    observers: kept('At most two observers on every walk.'),
    student_voice: kept('No prompt asks about a teacher.'),
    teachers_see_records: kept('Every record was handed in.'),
    reviews: kept('1 review held.'),
  },
  notice: {
    required: 2,
    bySchoolDays: [
      { schoolDays: 2, visits: 8 },
      { schoolDays: 5, visits: 12 },
    ],
  },
  spread: {
    byPeriod: [
      { period: 'P1', visits: 5 },
      { period: 'P2', visits: 5 },
      { period: 'P3', visits: 5 },
      { period: 'P4', visits: 5 },
    ],
    byWeekday: [
      { weekday: 'Monday', visits: 4 },
      { weekday: 'Tuesday', visits: 4 },
      { weekday: 'Wednesday', visits: 4 },
      { weekday: 'Thursday', visits: 4 },
      { weekday: 'Friday', visits: 4 },
    ],
  },
  pulse: { answered: 18, staff: 24, walks: { more: 0.2, same: 0.6, fewer: 0.2 } },
  invitations: { made: 3, accepted: 2 },
  debriefs: { held: 2, summariesPublished: 2 },
  actions: { linkedToPriority: 3, fromDebriefs: 2, followUpWalks: 1 },
  training: null,
  feedback: null,
  practice: null,
};

describe('self-evaluation checklist', () => {
  it('covers the protocol clauses and the guide’s advice once each, in our own words', () => {
    expect(statements.map((s) => s.id)).toEqual([...statementIds]);
    expect(new Set(statements.map((s) => s.text)).size).toBe(statements.length);
  });
});

describe('each statement’s evidence from the app’s data', () => {
  it('programme, observers, pupils and records follow their protocol report rows', () => {
    for (const [id, rule] of [
      ['programme_agreed', 'programme'],
      ['two_observers', 'observers'],
      ['pupils_not_asked', 'student_voice'],
      ['records_shared', 'teachers_see_records'],
    ] as const) {
      const ok = statementEvidence(id, good);
      expect(ok.signal).toBe('supports');
      expect(ok.lines).toEqual(good.rules[rule]!.evidence);
      const bad = statementEvidence(id, {
        ...good,
        rules: { ...good.rules, [rule]: broken('Broken here.') },
      });
      expect(bad).toEqual({ signal: 'against', lines: ['Broken here.'] });
      const none = statementEvidence(id, {
        ...good,
        rules: { ...good.rules, [rule]: { status: 'not_applicable', evidence: ['No walks.'] } },
      });
      expect(none.signal).toBe('no_data');
    }
  });

  it('focus explained: the focus and notice rows and the notice timings, the weakest wins', () => {
    const ok = statementEvidence('focus_explained', good);
    expect(ok.signal).toBe('supports');
    expect(ok.lines).toContain(
      '20 of 20 notified visits had at least 2 school days of notice (the shortest: 2 school days).',
    );
    const late = statementEvidence('focus_explained', {
      ...good,
      notice: {
        required: 2,
        bySchoolDays: [{ schoolDays: 1, visits: 3 }, ...good.notice.bySchoolDays],
      },
    });
    expect(late.signal).toBe('partly');
    expect(late.lines).toContain(
      '20 of 23 notified visits had at least 2 school days of notice (the shortest: 1 school day).',
    );
    const noFocus = statementEvidence('focus_explained', {
      ...good,
      rules: { ...good.rules, focus: broken('A walk had no purpose.') },
    });
    expect(noFocus.signal).toBe('against');
  });

  it('feedback: no data until feedback conversations are recorded, then held or written', () => {
    expect(statementEvidence('feedback_given', good)).toEqual({
      signal: 'no_data',
      lines: ['No data: the app does not record feedback conversations for this period.'],
    });
    const all = { ...good, feedback: { offered: 4, given: 3, writtenPreferred: 1 } };
    expect(statementEvidence('feedback_given', all).signal).toBe('supports');
    const some = { ...good, feedback: { offered: 4, given: 1, writtenPreferred: 0 } };
    expect(statementEvidence('feedback_given', some)).toEqual({
      signal: 'partly',
      lines: [
        '4 feedback conversations offered: 1 held, 0 where the teacher preferred written feedback.',
      ],
    });
    const none = { ...good, feedback: { offered: 2, given: 0, writtenPreferred: 0 } };
    expect(statementEvidence('feedback_given', none).signal).toBe('against');
  });

  it('best practice: summaries published after debriefs, and the practice library when there is one', () => {
    expect(statementEvidence('best_practice', good)).toEqual({
      signal: 'supports',
      lines: ['2 debriefs held; 2 staff summaries published to staff.'],
    });
    const unshared = { ...good, debriefs: { held: 2, summariesPublished: 0 } };
    expect(statementEvidence('best_practice', unshared).signal).toBe('against');
    const library = { ...unshared, practice: { published: 1 } };
    expect(statementEvidence('best_practice', library)).toEqual({
      signal: 'partly',
      lines: [
        '2 debriefs held; 0 staff summaries published to staff.',
        '1 example published to the practice library.',
      ],
    });
    const nothing = { ...good, debriefs: { held: 0, summariesPublished: 0 } };
    expect(statementEvidence('best_practice', nothing).signal).toBe('no_data');
  });

  it('improvement plan: actions from debriefs under priorities', () => {
    expect(statementEvidence('improvement_plan', good)).toEqual({
      signal: 'supports',
      lines: [
        '3 actions under the improvement plan’s priorities, 2 of them carrying forward a debrief; 1 follow-up walk planned.',
      ],
    });
    const notFromWalks = {
      ...good,
      actions: { linkedToPriority: 2, fromDebriefs: 0, followUpWalks: 0 },
    };
    expect(statementEvidence('improvement_plan', notFromWalks).signal).toBe('partly');
    const none = { ...good, actions: { linkedToPriority: 0, fromDebriefs: 0, followUpWalks: 0 } };
    expect(statementEvidence('improvement_plan', none).signal).toBe('against');
  });

  it('different times: across the week and the day, against when all in one slot', () => {
    expect(statementEvidence('different_times', good)).toEqual({
      signal: 'supports',
      lines: [
        '20 visits fell on 5 of the 5 weekdays and in 4 of the 4 periods of the day.',
        'The busiest weekday was Monday (4 visits).',
      ],
    });
    const oneDay = {
      ...good,
      spread: {
        byPeriod: good.spread.byPeriod,
        byWeekday: good.spread.byWeekday.map((d) => ({
          ...d,
          visits: d.weekday === 'Friday' ? 20 : 0,
        })),
      },
    };
    expect(statementEvidence('different_times', oneDay).signal).toBe('against');
    const twoDaysMornings = {
      ...good,
      spread: {
        byPeriod: good.spread.byPeriod.map((p, i) => ({
          ...p,
          visits: i < 1 ? 10 : i < 2 ? 10 : 0,
        })),
        byWeekday: good.spread.byWeekday.map((d, i) => ({ ...d, visits: i < 2 ? 10 : 0 })),
      },
    };
    expect(statementEvidence('different_times', twoDaysMornings).signal).toBe('partly');
    const noVisits = {
      ...good,
      spread: { byPeriod: [], byWeekday: good.spread.byWeekday.map((d) => ({ ...d, visits: 0 })) },
    };
    expect(statementEvidence('different_times', noVisits).signal).toBe('no_data');
  });

  it('open door: invitations from teachers', () => {
    expect(statementEvidence('open_door', good)).toEqual({
      signal: 'supports',
      lines: ['3 open-door invitations from teachers; 2 taken up.'],
    });
    const none = { ...good, invitations: { made: 0, accepted: 0 } };
    expect(statementEvidence('open_door', none)).toEqual({
      signal: 'against',
      lines: ['No teacher sent an open-door invitation in this period.'],
    });
  });

  it('observers trained: says no data where the app has none, counts where it has', () => {
    expect(statementEvidence('observers_trained', good)).toEqual({
      signal: 'no_data',
      lines: ['No data: the app does not record observer training yet.'],
    });
    const some = { ...good, training: { observers: 4, trained: 3 } };
    expect(statementEvidence('observers_trained', some)).toEqual({
      signal: 'partly',
      lines: ['3 of 4 observers completed the training.'],
    });
  });

  it('regular reviews: the reviews row and the pulse, never a share under k', () => {
    expect(statementEvidence('regular_reviews', good)).toEqual({
      signal: 'supports',
      lines: [
        '1 review held.',
        '18 of 24 members of staff answered the latest pulse.',
        'Staff wanting more walks: 20%; about the same: 60%; fewer: 20%.',
      ],
    });
    const few = { ...good, pulse: { answered: 2, staff: 24, walks: null } };
    expect(statementEvidence('regular_reviews', few).lines).toContain(
      'Too few answered for the pulse’s shares to be shown.',
    );
    const noPulse = {
      ...good,
      pulse: null,
      rules: { ...good.rules, reviews: broken('No review held.') },
    };
    expect(statementEvidence('regular_reviews', noPulse)).toEqual({
      signal: 'against',
      lines: ['No review held.', 'No staff pulse closed in this period.'],
    });
  });
});

describe('the disagreement marker', () => {
  it('marks in place without support, and not yet with full support; never partly or no data', () => {
    expect(disagreement('in_place', 'against')?.direction).toBe('rated_higher');
    expect(disagreement('in_place', 'partly')?.direction).toBe('rated_higher');
    expect(disagreement('in_place', 'supports')).toBeNull();
    expect(disagreement('not_yet', 'supports')?.direction).toBe('rated_lower');
    expect(disagreement('not_yet', 'against')).toBeNull();
    expect(disagreement('partly', 'against')).toBeNull();
    expect(disagreement('partly', 'supports')).toBeNull();
    expect(disagreement('in_place', 'no_data')).toBeNull();
    expect(disagreement(null, 'against')).toBeNull();
  });

  it('rows carry evidence, rating and marker; unrated lists what is left', () => {
    const facts = { ...good, invitations: { made: 0, accepted: 0 } };
    const rows = selfEvaluationRows(facts, [
      { id: 'open_door', rating: 'in_place' },
      { id: 'programme_agreed', rating: 'not_yet' },
      { id: 'two_observers', rating: 'in_place' },
    ]);
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get('open_door')!.disagreement?.direction).toBe('rated_higher');
    expect(by.get('programme_agreed')!.disagreement?.direction).toBe('rated_lower');
    expect(by.get('two_observers')!.disagreement).toBeNull();
    expect(by.get('feedback_given')!.rating).toBeNull();
    expect(unrated([{ id: 'open_door', rating: 'partly' }])).toHaveLength(statementIds.length - 1);
  });
});
