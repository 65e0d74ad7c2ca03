import { describe, expect, it } from 'vitest';
import { linkedTable } from './linked.ts';
import { type Agg, emptyAgg, type Group, sumAggs } from './tables.ts';

/** An aggregate of visits, one per teacher key listed (a key twice is two visits). */
function visits(...teachers: string[]): Agg {
  const agg = emptyAgg();
  for (const t of teachers) {
    agg.counts.visits += 1;
    agg.counts.n += 1;
    agg.teachers.set(t, (agg.teachers.get(t) ?? 0) + 1);
  }
  return agg;
}

function table(groups: Record<string, Agg>) {
  const list: Group[] = Object.entries(groups).map(([key, agg]) => ({ key, label: key, agg }));
  return { groups: list, total: sumAggs(list.map((g) => g.agg)) };
}

describe('a school table linked across terms', () => {
  it('decides a term that holds every visit exactly as all terms', () => {
    const all = table({
      art: visits('a1', 'a2'),
      maths: visits('m1', 'm2', 'm3', 'm4'),
      science: visits('s1', 's2', 's3', 's4', 's5'),
    });
    const linked = linkedTable({ k: 3, allTerms: all, term: all });
    const alone = linkedTable({ k: 3, allTerms: all, term: null });
    expect(linked).toEqual(alone);
    expect(linked.get('g:art')).toEqual({ status: 'suppressed', cause: 'below_k' });
    expect(linked.get('g:maths')!.status).toBe('suppressed');
    expect(linked.get('total')).toEqual({ status: 'shown' });
  });

  it('hides a group in a term when the rest of the year would single out one teacher', () => {
    const all = table({
      maths: visits('m1', 'm2', 'm3', 'late'),
      science: visits('s1', 's2', 's3', 's4'),
    });
    const term = table({
      maths: visits('m1', 'm2', 'm3'),
      science: visits('s1', 's2', 's3', 's4'),
    });
    const linked = linkedTable({ k: 3, allTerms: all, term });
    // Maths for the year − Maths this term = the one teacher visited later.
    expect(linked.get('g:maths')).toEqual({ status: 'suppressed', cause: 'across_filters' });
    // And "the term's total − Science" would give Maths away again: one of them goes too.
    expect(
      linked.get('g:science')!.status === 'suppressed' ||
        linked.get('total')!.status === 'suppressed',
    ).toBe(true);
  });

  it('never shows in a term the very group the year hides beside a smaller one', () => {
    // For the year: Art (2 teachers) is hidden, and Maths beside it. In the term Art has no
    // visits and Maths is the same group as for the year: showing it would let a reader take
    // the year's total − Science − Maths and find Art.
    const all = table({
      art: visits('a1', 'a2'),
      maths: visits('m1', 'm2', 'm3', 'm4'),
      science: visits('s1', 's2', 's3', 's4', 's5'),
    });
    const year = linkedTable({ k: 3, allTerms: all, term: null });
    const hiddenBeside = year.get('g:maths')!.status === 'suppressed' ? 'maths' : 'science';
    expect(year.get(`g:${hiddenBeside}`)).toEqual({ status: 'suppressed', cause: 'complementary' });
    const term = table({
      maths: hiddenBeside === 'maths' ? visits('m1', 'm2', 'm3', 'm4') : visits('m1', 'm2', 'm3'),
      science:
        hiddenBeside === 'science'
          ? visits('s1', 's2', 's3', 's4', 's5')
          : visits('s1', 's2', 's3', 's4'),
    });
    const linked = linkedTable({ k: 3, allTerms: all, term });
    // Hidden in the term for the same reason as for the year.
    expect(linked.get(`g:${hiddenBeside}`)).toEqual({
      status: 'suppressed',
      cause: 'complementary',
    });
  });
});
