import { describe, expect, it } from 'vitest';
import { checkPrompt, findingToViolation } from './check.ts';

describe('checkPrompt: the checks a prompt passes before publishing', () => {
  it('reads an observer prompt for rule 6 and a question to pupils for rule 7', () => {
    // The teacher as the subject: refused for the observer (rule 6) and for pupils (rule 7).
    expect(checkPrompt('Does the teacher circulate while pupils work?', 'observer')).toEqual([
      expect.objectContaining({ check: 'evaluation', rule: 'teacher-is-the-subject' }),
    ]);
    expect(checkPrompt('Does the teacher circulate while pupils work?', 'pupils')).toEqual([
      expect.objectContaining({ check: 'student_voice', rule: 'asks-about-a-teacher' }),
    ]);
    // About pupils: fine for both.
    expect(checkPrompt('Pupils explain what they are learning and why', 'observer')).toEqual([]);
    expect(checkPrompt('What are you learning today?', 'pupils')).toEqual([]);
  });

  it('names a titled person whoever the prompt is for', () => {
    expect(checkPrompt('Is Mr X a good teacher?', 'pupils').map((f) => f.rule)).toContain(
      'names-an-individual',
    );
    expect(checkPrompt("Pupils in Ms Khan's class read aloud", 'observer')).toEqual([
      expect.objectContaining({ rule: 'names-an-individual', phrase: "Ms Khan's" }),
    ]);
  });

  it('turns a finding into a problem that names the words, the reason and a rewrite', () => {
    const [finding] = checkPrompt('Teacher has high expectations', 'observer');
    const v = findingToViolation(
      finding!,
      'lenses[0].lookFors[0].prompt',
      'Teacher has high expectations',
    );
    expect(v).toEqual({
      code: 'teacher_evaluation',
      path: 'lenses[0].lookFors[0].prompt',
      prompt: 'Teacher has high expectations',
      rule: 'teacher-is-the-subject',
      phrase: 'Teacher',
      suggestion: 'Try: “Pupils start the task without help, and some choose a harder step”.',
      message: expect.stringContaining('(“Teacher”). Its subject is an adult in the room'),
    });
  });
});
