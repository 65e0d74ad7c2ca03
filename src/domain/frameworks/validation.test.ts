import { describe, expect, it } from 'vitest';
import { validateFocus } from './focus.ts';
import { library } from './library/index.ts';
import { teachingAndLearning } from './library/teaching-and-learning.ts';
import type { FrameworkContent } from './types.ts';
import { keyFromName } from './types.ts';
import { validateForPublish, validatePrompt, validateStructure } from './validation.ts';

const small = (prompts: string[]): FrameworkContent => ({
  name: 'Reading',
  kind: 'learning',
  description: '',
  lenses: [
    {
      key: 'reading',
      name: 'Reading',
      description: '',
      lookFors: prompts.map((prompt, i) => ({
        key: `f${i}`,
        prompt,
        answerKind: 'prevalence',
        audience: 'observer',
        guidance: {},
        continues: null,
      })),
    },
  ],
});

describe('validateForPublish', () => {
  it('passes every framework of the built-in library', () => {
    for (const entry of library) {
      expect(validateForPublish(entry.content), entry.id).toEqual([]);
    }
  });

  it('has the lenses the issue names in the teaching-and-learning framework', () => {
    expect(teachingAndLearning.lenses.map((l) => l.name)).toEqual([
      'Curriculum alignment',
      'Pupil engagement and participation',
      'Learning environment',
      'Clarity of purpose',
      'Evidence of progress',
      'Thinking and questioning',
      'Student voice',
    ]);
    const hs = library.find((e) => e.id === 'health-and-safety')!.content;
    expect(hs.lenses.map((l) => l.key)).toEqual([
      'fire-safety',
      'exits',
      'electrical',
      'trip-hazards',
      'specialist-rooms',
      'first-aid',
      'security',
      'welfare',
    ]);
  });

  it('names each offending prompt, its place and the rule that matched', () => {
    const problems = validateForPublish(
      small([
        'Pupils read aloud with expression',
        "Rate the teacher's questioning 1-4",
        'Pupils choose books they can read',
      ]),
    );
    // Three readings of the one prompt: an instruction to rate the teacher, the teacher as what
    // is described, and a 1–4 scale; each names its words.
    expect(problems.map((p) => [p.rule, p.phrase])).toEqual([
      ['rates-the-teacher', "Rate the teacher's"],
      ['teacher-is-the-subject', "the teacher's"],
      ['grading-scale', '1-4'],
    ]);
    expect(problems[0]).toMatchObject({
      code: 'teacher_evaluation',
      path: 'lenses[0].lookFors[1].prompt',
      prompt: "Rate the teacher's questioning 1-4",
      rule: 'rates-the-teacher',
    });
    expect(problems[0]!.message).toContain("“Rate the teacher's questioning 1-4”");
  });

  it('refuses student-voice prompts that ask pupils about their teacher', () => {
    const content = small(['What are you reading?']);
    content.lenses[0]!.lookFors.push({
      key: 'like',
      prompt: 'Do you like your teacher?',
      answerKind: 'note',
      audience: 'pupils',
      guidance: {},
      continues: null,
    });
    const problems = validateForPublish(content);
    expect(problems.map((p) => p.code)).toEqual(['student_voice_about_teacher']);
  });

  it('refuses an empty framework and an empty lens, and lens names that grade', () => {
    expect(validateForPublish({ ...small([]), lenses: [] }).map((p) => p.code)).toEqual([
      'no_lenses',
    ]);
    const withEmptyLens = small([]);
    withEmptyLens.lenses[0]!.name = 'Teacher performance';
    expect(validateForPublish(withEmptyLens).map((p) => p.code)).toEqual([
      'empty_lens',
      'teacher_evaluation',
    ]);
  });
});

describe('validateStructure', () => {
  it('finds duplicate keys, blank prompts and bad continuity', () => {
    const content = small(['Pupils read', '']);
    content.lenses[0]!.lookFors[1]!.key = 'f0';
    content.lenses[0]!.lookFors[0]!.continues = 'old';
    expect(validateStructure(content).map((p) => p.code)).toEqual([
      'continuity_without_previous',
      'blank_prompt',
      'duplicate_key',
    ]);
  });

  it('lets a draft hold a prompt that publishing would refuse', () => {
    expect(validateStructure(small(['Rate the teacher']))).toEqual([]);
  });

  it('refuses two look-fors that continue the same old one', () => {
    const previous = small(['Pupils read']);
    const next = small(['Pupils read aloud', 'Pupils read silently']);
    next.lenses[0]!.lookFors[0]!.continues = 'f0';
    next.lenses[0]!.lookFors[1]!.continues = 'f0';
    expect(validateStructure(next, previous).map((p) => p.code)).toEqual(['continuity_duplicate']);
    next.lenses[0]!.lookFors[1]!.continues = 'gone';
    expect(validateStructure(next, previous).map((p) => p.code)).toEqual(['continuity_unknown']);
  });
});

describe('validatePrompt and validateFocus', () => {
  it("checks a school's own look-for like a trust one", () => {
    expect(validatePrompt('Pupils read with fluency', 'observer')).toEqual([]);
    expect(validatePrompt('Is Ms Green a good teacher?', 'pupils').map((p) => p.code)).toContain(
      'names_individual',
    );
  });

  it('needs a purpose, known look-fors and no named person', () => {
    const ok = validateFocus(
      {
        title: 'Talk in science',
        purpose: 'How much pupils talk about their thinking, to plan our oracy training.',
        lookForKeys: ['peer-talk', 'reasons-given'],
        schoolLookForCount: 0,
      },
      teachingAndLearning,
    );
    expect(ok).toEqual([]);
    const bad = validateFocus(
      { title: "Mr Brown's class", purpose: 'Check', lookForKeys: ['nope'], schoolLookForCount: 0 },
      teachingAndLearning,
    );
    expect(bad.map((p) => p.code)).toEqual([
      'purpose_missing',
      'names_individual',
      'unknown_look_for',
    ]);
  });
});

describe('keyFromName', () => {
  it('makes kebab-case keys and avoids taken ones', () => {
    expect(keyFromName('Pupil engagement & participation')).toBe('pupil-engagement-participation');
    expect(keyFromName('Reading', new Set(['reading']))).toBe('reading-2');
    expect(keyFromName('!!!')).toBe('item');
  });
});
