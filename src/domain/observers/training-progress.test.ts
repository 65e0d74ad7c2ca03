import { describe, expect, it } from 'vitest';
import { type Completion, progressRow, versionProgress } from './training-progress.ts';

const done = (personId: string, ...modules: Completion['module'][]): Completion[] =>
  modules.map((module) => ({ personId, versionId: 'v1', module }));

describe('training progress for leaders', () => {
  const observers = ['a', 'b', 'c', 'd'];
  const completions = [
    ...done('a', 'guidance', 'neutral_language', 'practice_scenes'),
    ...done('b', 'guidance'),
    // Another version's completion, and someone who is not one of the school's observers.
    { personId: 'c', versionId: 'v2', module: 'guidance' as const },
    ...done('z', 'guidance'),
  ];

  it('counts, per module, how many of the observers completed it, with the share', () => {
    const row = progressRow(observers, completions, 'v1', 3);
    expect(row.observers).toBe(4);
    expect(row.suppressed).toBe(false);
    expect(row.modules).toEqual([
      { module: 'guidance', completed: 2, share: 0.5 },
      { module: 'neutral_language', completed: 1, share: 0.25 },
      { module: 'practice_scenes', completed: 1, share: 0.25 },
      { module: 'all', completed: 1, share: 0.25 },
    ]);
  });

  it('hides a school’s figures under k observers, keeping only how many observers it has', () => {
    const row = progressRow(['a', 'b'], completions, 'v1', 3);
    expect(row).toMatchObject({ observers: 2, suppressed: true });
    expect(row.modules.every((m) => m.completed === null && m.share === null)).toBe(true);
    // No observers at all: nothing to hide, and no share.
    expect(progressRow([], completions, 'v1', 3).modules[0]).toEqual({
      module: 'guidance',
      completed: 0,
      share: null,
    });
  });

  it('hides the trust’s row when the hidden schools’ observers could be recovered from it', () => {
    const schools = [
      { schoolId: 'north', k: 3, observerIds: ['a', 'b', 'c', 'd'] },
      { schoolId: 'south', k: 3, observerIds: ['e'] },
    ];
    const p = versionProgress(schools, [...completions, ...done('e', 'guidance')], 'v1', 3);
    expect(p.schools.map((s) => s.suppressed)).toEqual([false, true]);
    // Trust minus North would be South's one observer: hidden.
    expect(p.trust!.suppressed).toBe(true);
    expect(p.trust!.modules[0]!.completed).toBeNull();
    // With three observers in South, every row shows; the trust counts each person once.
    const bigger = versionProgress(
      [schools[0]!, { schoolId: 'south', k: 3, observerIds: ['e', 'f', 'a'] }],
      [...completions, ...done('e', 'guidance')],
      'v1',
      3,
    );
    expect(bigger.trust).toMatchObject({ observers: 6, suppressed: false });
    expect(bigger.trust!.modules[0]).toEqual({ module: 'guidance', completed: 3, share: 0.5 });
    // A school leader's view has no trust row.
    expect(versionProgress(schools, completions, 'v1', null).trust).toBeNull();
  });
});
