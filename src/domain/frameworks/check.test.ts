import { describe, expect, it } from 'vitest';
import { checkPrompt } from './check.ts';
import { checkEvaluation } from './evaluation.ts';
import { checkStudentVoice } from './student-voice.ts';
import type { Audience } from './types.ts';

type Row = [prompt: string, audience: Audience, expectedRule: string | null];

/** Prompts that must be refused, with the rule that should explain why. */
const caught: Row[] = [
  ["Rate the teacher's subject knowledge", 'observer', 'rates-the-teacher'],
  ['Rate the teacher’s questioning from 1 to 4', 'observer', 'rates-the-teacher'],
  ['Grade the lesson 1-4', 'observer', 'rates-the-teacher'],
  ['Score the teaching on a scale of 1 to 4', 'observer', 'rates-the-teacher'],
  ["Judge the quality of the teacher's explanations", 'observer', 'rates-the-teacher'],
  ["Evaluate the teacher's delivery", 'observer', 'rates-the-teacher'],
  ['Mark the teacher out of 10', 'observer', 'rates-the-teacher'],
  ['Assess the effectiveness of the teacher', 'observer', 'rates-the-teacher'],
  ["Teacher's performance", 'observer', 'teacher-performance'],
  ["Teacher performance against the Teachers' Standards", 'observer', 'teacher-performance'],
  ['Overall lesson grade', 'observer', 'teacher-performance'],
  [
    'Quality of teaching: outstanding / good / requires improvement / inadequate',
    'observer',
    'teacher-performance',
  ],
  ['Behaviour for learning: Outstanding, Good, RI or Inadequate', 'observer', 'grading-scale'],
  ['What Ofsted grade would this lesson get?', 'observer', 'grading-scale'],
  ['How effective was the teacher?', 'observer', 'judgement-of-the-teacher'],
  ['How well does the teacher explain new ideas?', 'observer', 'judgement-of-the-teacher'],
  ['Is the teaching good?', 'observer', 'judgement-of-the-teacher'],
  ['Was the lesson engaging?', 'observer', 'judgement-of-the-teacher'],
  ["The teacher's classroom management is strong", 'observer', 'judgement-of-the-teacher'],
  ['Is this a strong teacher?', 'observer', 'judgement-of-the-teacher'],
  ['Teacher has secure subject knowledge', 'observer', 'teacher-attributes'],
  ['Teacher effectiveness (1–4)', 'observer', 'teacher-performance'],
  ['Give the teacher a score from 1-4 for pace', 'observer', 'numeric-scale-about-the-teacher'],
  [
    "On a scale of 1-5, the teacher's use of questioning",
    'observer',
    'numeric-scale-about-the-teacher',
  ],
  ['Rank teachers in the department by pupil engagement', 'observer', 'ranks-teachers'],
  ['Compare this teacher with colleagues in the department', 'observer', 'ranks-teachers'],
  ['Who is the best teacher in the science team?', 'observer', 'ranks-teachers'],
  ["Is Mr Patel's classroom tidy?", 'observer', 'names-an-individual'],
  ['Do you like your teacher?', 'pupils', 'asks-about-their-teacher'],
  ['Is Mr X a good teacher?', 'pupils', 'names-an-individual'],
  ['Does your teacher explain things clearly?', 'pupils', 'asks-about-their-teacher'],
  ['Who is your favourite teacher?', 'pupils', 'asks-about-their-teacher'],
  ['Is Miss kind to you?', 'pupils', 'addresses-the-teacher'],
  ['What is sir like when you get things wrong?', 'pupils', 'addresses-the-teacher'],
  ['Would you change anything about the teacher?', 'pupils', 'asks-about-their-teacher'],
  ['How would you rate your teacher out of 10?', 'pupils', 'rates-the-teacher'],
  ['Which teacher helps you the most?', 'pupils', 'asks-about-their-teacher'],
];

/** Legitimate prompts about pupils and learning, which must pass. */
const allowed: Row[] = [
  ['Pupils explain what they are learning and why', 'observer', null],
  ['What are you learning today?', 'pupils', null],
  ['How does it link to what you did before?', 'pupils', null],
  ['How will you know you have done it well?', 'pupils', null],
  ['What do you do when you are stuck?', 'pupils', null],
  ["Pupils respond to the teacher's questions with reasons", 'observer', null],
  ["Pupils use the teacher's model to improve their own work", 'observer', null],
  ["Pupils compare their work with the teacher's worked example", 'observer', null],
  ["Most pupils can say how today's work builds on earlier learning", 'observer', null],
  ['Pupils ask questions that extend their thinking', 'observer', null],
  ["Displays show current pupils' work and key vocabulary", 'observer', null],
  ['Number of pupils who contribute to whole-class discussion', 'observer', null],
  ["Pupils' books show progress over time", 'observer', null],
  ['Pupils know what a good answer looks like', 'observer', null],
  ['Pupils self-assess against the success criteria', 'observer', null],
  ['Teaching assistants support pupils to work independently', 'observer', null],
  ['Pupils rate their own confidence on a scale of 1 to 5', 'observer', null],
  ['Pupils grade their own work against the mark scheme', 'observer', null],
  ['Pupils can use the feedback they were given to improve a piece of work', 'observer', null],
  ['What helps you learn in this subject?', 'pupils', null],
  ['Which adults can you ask for help if you are stuck?', 'pupils', null],
  ['What did you miss when you were away, and how did you catch up?', 'pupils', null],
  ['How do you know your work is improving?', 'pupils', null],
  ['What does good work look like in this subject?', 'pupils', null],
  ['Fire exits are clear, signed and unlocked', 'observer', null],
  ['Pupils can explain how the lesson links to the last one', 'observer', null],
  ["Pupils work on a task matched to the lesson's purpose", 'observer', null],
  ['Pupils discuss ideas in pairs before answering', 'observer', null],
  ['Pupils are silent and attentive while the teacher speaks', 'observer', null],
  ['Miss out any question you do not want to answer', 'pupils', null],
];

describe('the teacher-evaluation and student-voice checks', () => {
  it('has a table of at least 30 prompts caught and 30 allowed', () => {
    expect(caught.length).toBeGreaterThanOrEqual(30);
    expect(allowed.length).toBeGreaterThanOrEqual(30);
  });

  it.each(caught)('refuses %j (%s) under %s', (prompt, audience, rule) => {
    const findings = checkPrompt(prompt, audience);
    expect(findings.map((f) => f.rule)).toContain(rule);
    const finding = findings.find((f) => f.rule === rule)!;
    // Explainable: the words that matched are in the prompt, and there is a reason to show.
    expect(prompt.toLowerCase().replace(/[’]/g, "'").replace(/–/g, '-')).toContain(
      finding.phrase.toLowerCase(),
    );
    expect(finding.reason.length).toBeGreaterThan(40);
  });

  it.each(allowed)('allows %j (%s)', (prompt, audience) => {
    expect(checkPrompt(prompt, audience)).toEqual([]);
  });

  it('checks questions about the teacher only when pupils are asked', () => {
    expect(checkStudentVoice('Does the teacher circulate while pupils work?')).toHaveLength(1);
    expect(checkPrompt('Does the teacher circulate while pupils work?', 'observer')).toEqual([]);
  });

  it('says which rule matched, on which words, and why', () => {
    const [finding] = checkEvaluation("Please rate the teacher's pace");
    expect(finding).toEqual({
      check: 'evaluation',
      rule: 'rates-the-teacher',
      phrase: "rate the teacher's",
      reason: expect.stringContaining('never a verdict on a person'),
    });
  });
});
