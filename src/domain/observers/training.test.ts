import { describe, expect, it } from 'vitest';
import { createChecker } from '../neutral-language/checker.ts';
import {
  exerciseFeedback,
  requiredTrainingRefusal,
  sceneDifferences,
  scenePassed,
  type TrainingModule,
} from './training.ts';

const base = {
  personName: 'Sam Okafor',
  frameworkVersionId: 'v1',
  versionLabel: 'Teaching and learning framework, version 2',
};

describe('the required-training rule', () => {
  it('is off by default: no rule, no refusal, whatever is missing', () => {
    expect(requiredTrainingRefusal({ ...base, rules: [], completed: new Set() })).toBeNull();
  });

  it('when the trust requires it, names the rule and every missing module', () => {
    const r = requiredTrainingRefusal({
      ...base,
      rules: [{ scope: 'school', schoolName: 'Oak Primary' }, { scope: 'trust' }],
      completed: new Set<TrainingModule>(['guidance']),
    });
    expect(r?.rule).toEqual({ scope: 'trust' });
    expect(r?.missing).toEqual(['neutral_language', 'practice_scenes']);
    expect(r?.message).toContain('the trust requires observer training');
    expect(r?.message).toContain('Sam Okafor');
    expect(r?.message).toContain('neutral-language exercise and practice scenes');
  });

  it('a school’s own rule is named with the school', () => {
    const r = requiredTrainingRefusal({
      ...base,
      rules: [{ scope: 'school', schoolName: 'Oak Primary' }],
      completed: new Set<TrainingModule>(['guidance', 'neutral_language']),
    });
    expect(r?.ruleLabel).toBe('Oak Primary requires observer training before anyone observes');
    expect(r?.missing).toEqual(['practice_scenes']);
  });

  it('lets a fully trained observer through', () => {
    const all = new Set<TrainingModule>(['guidance', 'neutral_language', 'practice_scenes']);
    expect(
      requiredTrainingRefusal({ ...base, rules: [{ scope: 'trust' }], completed: all }),
    ).toBeNull();
  });
});

describe('the neutral-language exercise reuses the note checker', () => {
  const checker = createChecker({ staffNames: ['Ms Khan'] });
  it('flags judgement and names, and passes a neutral rewrite', () => {
    const first = exerciseFeedback(
      checker,
      'Ms Khan gave an outstanding lesson and it was excellent.',
    );
    expect(first.passed).toBe(false);
    expect(first.findings.map((f) => f.kind)).toContain('name');
    const second = exerciseFeedback(
      checker,
      'Pupils were working in pairs on fractions; most pupils explained their method to a partner.',
    );
    expect(second.findings).toEqual([]);
    expect(second.passed).toBe(true);
  });
});

describe('practice scenes: differences from the reference and why', () => {
  const lookFors = [
    {
      id: 'a',
      prompt: 'Pupils explain their thinking',
      answerKind: 'prevalence' as const,
      looksLike: 'Pupils say why',
      doesNotMean: 'Reading an answer aloud',
    },
    {
      id: 'b',
      prompt: 'Pupils use a model',
      answerKind: 'seen' as const,
      looksLike: null,
      doesNotMean: null,
    },
    {
      id: 'c',
      prompt: 'Pupils ask questions',
      answerKind: 'prevalence' as const,
      looksLike: null,
      doesNotMean: null,
    },
  ];
  const reference = { a: 'most' as const, b: true, c: 'not_seen' as const };
  const reasons = { b: 'Two pupils use the bar model on the board.' };

  it('marks same, near (one step on the scale), differs and not answered, with the reason', () => {
    const d = sceneDifferences(lookFors, reference, reasons, { a: 'some', b: false });
    expect(d.map((x) => x.outcome)).toEqual(['near', 'differs', 'not_answered']);
    expect(d[0]!.why).toContain('What it does not mean: Reading an answer aloud');
    expect(d[1]!.why).toBe('Two pupils use the bar model on the board.');
    expect(scenePassed(d)).toBe(false);
    const again = sceneDifferences(lookFors, reference, reasons, {
      a: 'all',
      b: true,
      c: 'not_seen',
    });
    expect(again.map((x) => x.outcome)).toEqual(['near', 'same', 'same']);
    expect(scenePassed(again)).toBe(true);
  });
});
