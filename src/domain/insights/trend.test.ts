import { describe, expect, it } from 'vitest';
import { teachingAndLearning } from '../frameworks/library/teaching-and-learning.ts';
import type { FrameworkContent } from '../frameworks/types.ts';
import { draftFromPublished } from '../frameworks/versioning.ts';
import type { Visit } from './evidence.ts';
import { prev, visit } from './test-fixtures.ts';
import { trend } from './trend.ts';

const v1: FrameworkContent = structuredClone(teachingAndLearning);
const firstPrevalence = v1.lenses
  .flatMap((l) => l.lookFors)
  .find((f) => f.answerKind === 'prevalence')!;
const oldKey = firstPrevalence.key;

// v2 renames that look-for (same series) and adds a new one (a new series).
const v2 = draftFromPublished(v1);
const renamed = v2.lenses.flatMap((l) => l.lookFors).find((f) => f.key === oldKey)!;
renamed.key = 'renamed-in-v2';
v2.lenses[0]!.lookFors.push({
  key: 'new-in-v2',
  prompt: 'Pupils do something new',
  answerKind: 'prevalence',
  audience: 'observer',
  guidance: {},
  continues: null,
});
const versions = [
  { id: 'fv1', versionNo: 1, content: v1 },
  { id: 'fv2', versionNo: 2, content: v2 },
];

/** `n` visits to different teachers on a walk, all answering `key` with `level`. */
function walk(
  walkId: string,
  date: string,
  fv: string,
  key: string,
  levels: ('most' | 'some')[],
): Visit[] {
  return levels.map((level) =>
    visit({ walkId, date, frameworkVersionId: fv, answers: [prev(key, level)] }),
  );
}

describe('trend across walks and framework versions', () => {
  const visits = [
    ...walk('w1', '2026-01-20', 'fv1', oldKey, ['some', 'some', 'most', 'some']),
    ...walk('w2', '2026-05-12', 'fv1', oldKey, ['most', 'some', 'most']),
    ...walk('w3', '2026-10-06', 'fv2', 'renamed-in-v2', ['most', 'most', 'most', 'some']),
    ...walk('w3', '2026-10-06', 'fv2', 'new-in-v2', ['most', 'most', 'most']),
  ];

  it('continues a renamed look-for across versions as one series', () => {
    const t = trend(visits, {
      versions,
      versionId: 'fv2',
      lookForKey: 'renamed-in-v2',
      by: 'walk',
    });
    expect(t.lineage.map((l) => [l.versionNo, l.key])).toEqual([
      [2, 'renamed-in-v2'],
      [1, oldKey],
    ]);
    expect(t.points.map((p) => [p.key, p.label, p.status])).toEqual([
      ['w1', '2026-01-20', 'shown'],
      ['w2', '2026-05-12', 'shown'],
      ['w3', '2026-10-06', 'shown'],
    ]);
    const shares = t.points.map((p) => (p.status === 'shown' ? p.summary!.headline!.share : null));
    expect(shares).toEqual([1 / 4, 2 / 3, 3 / 4]);
  });

  it('starts a new series for a look-for that is new in a version', () => {
    const t = trend(visits, { versions, versionId: 'fv2', lookForKey: 'new-in-v2', by: 'walk' });
    expect(t.lineage).toHaveLength(1);
    expect(t.points.map((p) => p.key)).toEqual(['w3']);
  });

  it('groups by term, and hides a term resting on fewer than k teachers with a complement', () => {
    const terms = [
      { key: 'spring', label: 'Spring 2026', from: '2026-01-01', to: '2026-04-10' },
      { key: 'summer', label: 'Summer 2026', from: '2026-04-20', to: '2026-07-20' },
      { key: 'autumn', label: 'Autumn 2026', from: '2026-09-01', to: '2026-12-20' },
    ];
    const small = [
      ...visits,
      ...walk('w4', '2026-03-03', 'fv1', oldKey, []),
      visit({
        walkId: 'w5',
        date: '2026-06-01',
        frameworkVersionId: 'fv1',
        answers: [prev(oldKey, 'some')],
      }),
    ];
    const byTerm = trend(small, {
      versions,
      versionId: 'fv2',
      lookForKey: 'renamed-in-v2',
      by: 'term',
      terms,
    });
    expect(byTerm.points.map((p) => [p.key, p.status])).toEqual([
      ['spring', 'shown'],
      ['summer', 'shown'],
      ['autumn', 'shown'],
    ]);
    // By walk inside terms: w5 (one teacher) is hidden, and so is w2 beside it in the summer term.
    const byWalk = trend(small, {
      versions,
      versionId: 'fv2',
      lookForKey: 'renamed-in-v2',
      by: 'walk',
      terms,
    });
    const status = Object.fromEntries(byWalk.points.map((p) => [p.key, p.status]));
    expect(status).toMatchObject({ w1: 'shown', w2: 'suppressed', w5: 'suppressed', w3: 'shown' });
    expect(byWalk.hidden).toEqual({ belowK: 1, complementary: 1 });
    expect(byWalk.points.find((p) => p.key === 'w2')!.termKey).toBe('summer');
  });

  it('refuses an unknown version or look-for', () => {
    expect(() => trend([], { versions, versionId: 'nope', lookForKey: 'x', by: 'walk' })).toThrow(
      /unknown framework version/,
    );
    expect(() => trend([], { versions, versionId: 'fv2', lookForKey: oldKey, by: 'walk' })).toThrow(
      /not in version 2/,
    );
  });
});
