import { describe, expect, it } from 'vitest';
import { teachingAndLearning } from './library/teaching-and-learning.ts';
import type { FrameworkContent } from './types.ts';
import { validateForPublish } from './validation.ts';
import {
  continuityMap,
  draftFromPublished,
  findLookFor,
  isEditable,
  lineage,
  successorKey,
} from './versioning.ts';

describe('framework versions', () => {
  const v1: FrameworkContent = structuredClone(teachingAndLearning);

  function makeV2() {
    const v2 = draftFromPublished(v1);
    // Rename a look-for (same trend, new key and words) and add a new one.
    const engagement = v2.lenses.find((l) => l.key === 'engagement')!;
    const onTask = engagement.lookFors.find((f) => f.key === 'on-task')!;
    onTask.key = 'purposeful-work';
    onTask.prompt = 'Pupils are working purposefully on the task set';
    engagement.lookFors.push({
      key: 'pupils-lead',
      prompt: 'Pupils lead part of the discussion',
      answerKind: 'prevalence',
      audience: 'observer',
      guidance: {},
      continues: null,
    });
    return v2;
  }

  it('only a draft is editable', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('published')).toBe(false);
  });

  it('starts a new version in which every look-for continues itself, without touching the old', () => {
    const v2 = draftFromPublished(v1);
    expect(continuityMap(v2)['on-task']).toBe('on-task');
    v2.lenses[0]!.lookFors[0]!.prompt = 'Changed';
    v2.lenses[0]!.lookFors[0]!.guidance.looksLike = 'Changed';
    expect(v1.lenses[0]!.lookFors[0]!.prompt).not.toBe('Changed');
    expect(v1.lenses[0]!.lookFors[0]!.guidance.looksLike).not.toBe('Changed');
  });

  it('keeps continuity through a rename and marks added look-fors as new', () => {
    const v2 = makeV2();
    expect(validateForPublish(v2, v1)).toEqual([]);
    const map = continuityMap(v2);
    expect(map['purposeful-work']).toBe('on-task');
    expect(map['pupils-lead']).toBeNull();
    const versions = [
      { versionNo: 1, content: v1 },
      { versionNo: 2, content: v2 },
    ];
    expect(lineage(versions, 2, 'purposeful-work')).toEqual([
      {
        versionNo: 2,
        key: 'purposeful-work',
        prompt: 'Pupils are working purposefully on the task set',
      },
      { versionNo: 1, key: 'on-task', prompt: 'Pupils are working on the task set' },
    ]);
    expect(successorKey(versions, 1, 'on-task')).toEqual({ versionNo: 2, key: 'purposeful-work' });
    expect(lineage(versions, 2, 'pupils-lead')).toHaveLength(1);
  });

  it('still renders a version-1 item after version 2 renames it', () => {
    const v2 = makeV2();
    expect(findLookFor(v2, 'on-task')).toBeNull();
    const old = findLookFor(v1, 'on-task');
    expect(old?.lens.name).toBe('Pupil engagement and participation');
    expect(old?.lookFor.prompt).toBe('Pupils are working on the task set');
  });

  it('reports a dropped look-for as having no successor', () => {
    const v2 = draftFromPublished(v1);
    v2.lenses[0]!.lookFors = v2.lenses[0]!.lookFors.slice(1);
    const versions = [
      { versionNo: 1, content: v1 },
      { versionNo: 2, content: v2 },
    ];
    expect(successorKey(versions, 1, v1.lenses[0]!.lookFors[0]!.key)).toBeNull();
  });
});
