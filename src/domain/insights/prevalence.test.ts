import { describe, expect, it } from 'vitest';
import { teachingAndLearning } from '../frameworks/library/teaching-and-learning.ts';
import { mergeRecordsByVisit, type VisitRecord } from './evidence.ts';
import {
  addTallies,
  prevalenceByLens,
  prevalenceByLookFor,
  summariseTally,
  tallyVisits,
} from './prevalence.ts';
import { prev, seen, visit, visitsWith } from './test-fixtures.ts';

describe('prevalence per look-for', () => {
  const visits = [
    ...visitsWith('questions', ['not_seen', 'some', 'some', 'most', 'most', 'all']),
    visit({ answers: [seen('plan', true)] }),
    visit({ answers: [seen('plan', false)] }),
    visit({ answers: [seen('plan', true), { lookForId: 'hands', kind: 'count', value: 7 }] }),
  ];

  it('counts not seen / some / most / all, with shares and intervals', () => {
    const [row] = prevalenceByLookFor(visits, { lookForIds: ['questions'] });
    expect(row!.status).toBe('shown');
    if (row!.status !== 'shown' || row!.summary.kind !== 'prevalence') throw new Error('shape');
    const s = row!.summary;
    expect(s.n).toBe(6);
    expect(s.counts).toEqual({ notSeen: 1, some: 2, most: 2, all: 1 });
    expect(s.mostOrAll.share).toBeCloseTo(3 / 6);
    expect(s.someOrMore.share).toBeCloseTo(5 / 6);
    expect(s.mostOrAll.lower).toBeCloseTo(0.1876, 4);
    expect(s.mostOrAll.upper).toBeCloseTo(0.8124, 4);
    expect(s.headline).toBe(s.mostOrAll);
  });

  it('summarises seen / not seen and counts', () => {
    const rows = prevalenceByLookFor(visits, { lookForIds: ['plan', 'hands'] });
    const plan = rows[0]!;
    if (plan.status !== 'shown' || plan.summary.kind !== 'seen') throw new Error('shape');
    expect(plan.summary.counts).toEqual({ seen: 2, notSeen: 1 });
    expect(plan.summary.seen.share).toBeCloseTo(2 / 3);
    // One teacher's count: below the threshold.
    expect(rows[1]).toMatchObject({ lookForId: 'hands', status: 'suppressed' });
    expect(rows[1]).toHaveProperty('reason', expect.stringContaining('Fewer than 3 teachers'));
  });

  it('reports a look-for with no answers as empty, and is honest at n = 0', () => {
    expect(prevalenceByLookFor(visits, { lookForIds: ['nothing'] })).toEqual([
      { lookForId: 'nothing', status: 'empty' },
    ]);
    const s = summariseTally('x', {
      kind: 'prevalence',
      n: 0,
      notSeen: 0,
      some: 0,
      most: 0,
      all: 0,
      seen: 0,
      countTotal: 0,
    });
    expect(s.headline).toEqual({ successes: 0, n: 0, share: null, lower: 0, upper: 1 });
  });

  it('hides a look-for seen in the classes of fewer than k teachers, however many visits', () => {
    const sameTwo = [1, 2, 3, 4, 5, 6].map((n) =>
      visit({ teacherKey: n % 2 ? 'a' : 'b', answers: [prev('q', 'most')] }),
    );
    expect(prevalenceByLookFor(sameTwo)[0]!.status).toBe('suppressed');
    expect(prevalenceByLookFor(sameTwo, { k: 2 })[0]!.status).toBe('shown');
    // A co-teacher counts as visited too.
    const coTaught = [1, 2].map((n) =>
      visit({ teacherKey: `t${n}`, coTeacherKeys: ['c'], answers: [prev('q', 'most')] }),
    );
    expect(prevalenceByLookFor(coTaught)[0]!.status).toBe('shown');
  });

  it('keeps tallies additive, so rollups can be summed', () => {
    const a = tallyVisits(visits.slice(0, 3)).get('questions')!;
    const b = tallyVisits(visits.slice(3)).get('questions')!;
    expect(addTallies(a, b)).toEqual(tallyVisits(visits).get('questions'));
  });
});

describe('merging the records of one visit', () => {
  const base: Omit<VisitRecord, 'answers' | 'notes' | 'studentVoice'> = {
    visitId: 'v1',
    schoolId: 's',
    walkId: 'w',
    date: '2026-11-16',
    teacherKey: 't',
    departmentId: null,
    yearGroupId: null,
    weekday: 1,
    periodOrdinal: null,
    frameworkVersionId: 'fv',
  };
  it('counts a visit once, at the level every observer recorded', () => {
    const visits = mergeRecordsByVisit([
      {
        ...base,
        answers: [prev('q', 'most'), seen('p', true), { lookForId: 'c', kind: 'count', value: 4 }],
        notes: 'Pupils explained their methods.',
        studentVoice: [{ promptId: 'sv1', text: 'We use the board.' }],
      },
      {
        ...base,
        answers: [prev('q', 'some'), seen('p', false), { lookForId: 'c', kind: 'count', value: 6 }],
        notes: '  ',
        studentVoice: [],
      },
      { ...base, visitId: 'v2', answers: [prev('q', 'all')], notes: 'x', studentVoice: [] },
    ]);
    expect(visits).toHaveLength(2);
    expect(visits[0]!.answers).toEqual([
      prev('q', 'some'),
      seen('p', false),
      { lookForId: 'c', kind: 'count', value: 4 },
    ]);
    expect(visits[0]!.notes).toEqual(['Pupils explained their methods.']);
    expect(visits[0]!.studentVoice).toHaveLength(1);
    expect(visits[1]!.answers).toEqual([prev('q', 'all')]);
  });
});

describe('prevalence per lens', () => {
  it('pools the lens’s prevalence look-fors, with an interval on visits not answers', () => {
    const lens = teachingAndLearning.lenses[0]!;
    const keys = lens.lookFors.filter((f) => f.answerKind === 'prevalence').map((f) => f.key);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const visits = [1, 2, 3, 4].map((n) =>
      visit({ answers: keys.map((key, i) => prev(key, (n + i) % 2 ? 'most' : 'not_seen')) }),
    );
    const rows = prevalenceByLens(visits, teachingAndLearning);
    const first = rows[0]!;
    if (first.status !== 'shown') throw new Error('expected shown');
    expect(first.summary.visits).toBe(4);
    expect(first.summary.answers).toBe(4 * keys.length);
    expect(first.summary.mostOrAll.share).toBeCloseTo(
      first.summary.counts.most / first.summary.answers,
    );
    // As wide as four visits allow, not as narrow as the pooled answers would suggest.
    const width = first.summary.mostOrAll.upper - first.summary.mostOrAll.lower;
    expect(width).toBeGreaterThan(0.5);
    // Lenses nobody answered are empty.
    expect(rows.slice(1).every((r) => r.status === 'empty')).toBe(true);
  });
});
