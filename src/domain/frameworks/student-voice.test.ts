import { describe, expect, it } from 'vitest';
import { library } from './library/index.ts';
import { checkStudentVoice, studentVoiceReasons } from './student-voice.ts';
import { normalisePrompt } from './text.ts';

/**
 * Rule 7: pupils are asked about their own learning, never about an adult who teaches them (by
 * name, title, role, "the adult", sir or Miss) nor for a rating of the lesson.
 */
const caught: string[] = [
  'Does your teacher shout?',
  "Who's the strictest teacher?",
  "What's your teacher like?",
  "Does Mrs Ahmed help you when you're stuck?",
  'Would you like more lessons like this one?',
  "Give today's lesson a score out of 5",
  'Is your TA helpful when you are stuck?',
  'What would make the teaching better?',
  'Do you get on with your form tutor?',
  'Is the lesson too slow?',
  'How does your maths teacher help you?',
  'Does the adult at the front explain things well?',
  'Would you give this lesson a thumbs up or down?',
  'Do you like your teacher?',
  'Does your teacher explain things clearly?',
  'Who is your favourite teacher?',
  'Is Miss kind to you?',
  'What is sir like when you get things wrong?',
  'Would you change anything about the teacher?',
  'How would you rate your teacher out of 10?',
  'Which teacher helps you the most?',
  'Is Mr Davies strict?',
  'What does your form tutor do when someone messes about?',
  'Do they explain things well?',
  "Out of 10, how good was today's lesson?",
  'Did you enjoy the lesson?',
  'Is this lesson boring?',
  'Does the member of staff listen to you?',
  "What's the best thing about how you're taught?",
  'Is the TA helpful?',
  'Are lessons with this teacher fun?',
  'How many stars would you give the teaching?',
];

const allowed: string[] = [
  'What would you tell a friend about what you learnt today?',
  "How do you find out a word you don't know?",
  'What do you do when you finish early?',
  'How do you help your partner when they are stuck?',
  'What are you most proud of in your book?',
  'What does your target mean?',
  'How could you make this answer better?',
  'When do you get to talk about your ideas?',
  'What are you finding tricky at the moment?',
  'Where do you look for help first?',
  'What are you learning about today?',
  'What do you do when you are stuck?',
  'How do you know when your work is good?',
  'Can you show me something you improved?',
  'How does it link to what you did before?',
  'How will you know you have done it well?',
  'What helps you learn in this subject?',
  'Which adults can you ask for help if you are stuck?',
  'What did you miss when you were away, and how did you catch up?',
  'How do you know your work is improving?',
  'What does good work look like in this subject?',
  'Miss out any question you do not want to answer',
  'What would you do next to make this piece of writing better?',
  'How confident do you feel about fractions, from 1 to 5?',
  'What new words have you used today?',
  'Where can you find help in the classroom?',
  'What is the hardest part of this topic for you?',
  'How do you check your answers?',
  'What have you learnt this week that you did not know before?',
  'Who do you work with when you talk about your ideas?',
  'Can you explain what you are learning in your own words?',
];

describe('rule 7: pupils are never asked about a teacher', () => {
  it('has a table of at least 20 questions caught and 20 allowed', () => {
    expect(caught.length).toBeGreaterThanOrEqual(20);
    expect(allowed.length).toBeGreaterThanOrEqual(20);
  });

  it.each(caught)('refuses %j, naming the words, the reason and a rewrite', (prompt) => {
    const findings = checkStudentVoice(prompt);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(normalisePrompt(prompt)).toContain(f.phrase);
      expect(Object.values(studentVoiceReasons)).toContain(f.reason);
      expect(f.rewrite).toMatch(/^Try: “.+\?”\.$/);
    }
  });

  it.each(allowed)('allows %j', (prompt) => {
    expect(checkStudentVoice(prompt)).toEqual([]);
  });

  it.each([
    ['How does your maths teacher help you?', 'asks-about-a-teacher', 'your maths teacher'],
    ['Does the adult at the front explain things well?', 'asks-about-a-teacher', 'the adult'],
    [
      'Would you give this lesson a thumbs up or down?',
      'asks-for-a-rating',
      'this lesson a thumbs up',
    ],
  ])('explains %j under %s, naming %j', (prompt, rule, phrase) => {
    expect(checkStudentVoice(prompt)).toContainEqual(expect.objectContaining({ rule, phrase }));
  });

  it('passes every pupil question of the built-in library', () => {
    for (const entry of library) {
      for (const lens of entry.content.lenses) {
        for (const f of lens.lookFors.filter((l) => l.audience === 'pupils')) {
          expect(checkStudentVoice(f.prompt), f.prompt).toEqual([]);
        }
      }
    }
  });
});
