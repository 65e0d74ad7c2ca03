import { describe, expect, it } from 'vitest';
import { checkEvaluation, evaluationReasons } from './evaluation.ts';
import { library } from './library/index.ts';
import { normalisePrompt } from './text.ts';

/**
 * Rule 6: a look-for is evidence about pupils, their work or the room. Prompts whose subject is
 * an adult, that pass a verdict on the lesson or the teaching, or that carry a grading scale are
 * caught; prompts about what pupils do pass, even when a teacher or a quality word is in them.
 */
const caught: string[] = [
  'Sir keeps the class on task',
  'Miss Evans praises effort',
  'The member of staff has good rapport with the class',
  'Do they check understanding before moving on?',
  'Is the pace of the lesson appropriate?',
  'Teaching is consistently good or better',
  'Lesson structure: clear / unclear',
  'Subject knowledge is strong',
  'How confident is the practitioner?',
  'Evidence of strong classroom management',
  'Classroom management is effective',
  "The teacher's planning meets the needs of all learners",
  'RAG rate the lesson',
  'Grade the quality of teaching',
  'Effective modelling by the teacher',
  'Teacher talk is kept to a minimum and is effective',
  'Does the teacher have good subject knowledge?',
  "The adult's questioning is well pitched",
  'A well-paced lesson',
  'To check the teacher manages behaviour effectively',
  'To evaluate the teaching of phonics',
  'To see whether the lesson is well planned',
  'Teacher uses effective questioning',
  'The teacher manages behaviour effectively',
  'Quality of instruction: strong, adequate or weak',
  'Overall judgement of the lesson',
  'How well does the class teacher differentiate?',
  'The lesson was well planned',
  'Teacher has high expectations',
  'The class teacher checks understanding before moving on',
  'Staff member circulates and supports groups',
  'The adult models the task clearly',
  'Is the member of staff confident with the subject?',
  'Mr Hughes gives clear instructions',
  'They differentiate the task for lower attainers',
  'Questioning was effective throughout',
  'Pace of the lesson is appropriate',
  'Teaching over time requires improvement',
  'Evidence that the teacher plans for all abilities',
  'Lesson grade (1-4)',
  'Behaviour management: secure, developing or insecure',
  'Was it a good lesson overall?',
  'Explanations are clear and well pitched',
  "Teacher's subject knowledge is secure",
  'Rate the teaching out of 10',
  'Effective use of questioning',
  'Teachers set high expectations for presentation',
  "The practitioner's classroom presence",
  'Expectations were high',
  'Outstanding / good / RI / inadequate',
  'Whether the teaching was well sequenced',
  "Rate the teacher's subject knowledge",
  'Grade the lesson 1-4',
  "Judge the quality of the teacher's explanations",
  'Assess the effectiveness of the teacher',
  "Teacher performance against the Teachers' Standards",
  'Quality of teaching: outstanding / good / requires improvement / inadequate',
  'Behaviour for learning: Outstanding, Good, RI or Inadequate',
  'What Ofsted grade would this lesson get?',
  'How effective was the teacher?',
  'Is the teaching good?',
  'Was the lesson engaging?',
  'Is this a strong teacher?',
  'Give the teacher a score from 1-4 for pace',
  'Rank teachers in the department by pupil engagement',
  'Compare this teacher with colleagues in the department',
  'Who is the best teacher in the science team?',
  'Does the teacher circulate while pupils work?',
];

const allowed: string[] = [
  'Pupils ask questions when they do not understand',
  'Pupils follow the class routines without reminders',
  'Most pupils are able to explain the key concept',
  'Children use equipment safely',
  'The classroom is tidy and resources are labelled',
  'Pupils redraft their work after feedback',
  "Pupils' answers show good understanding of the topic",
  "Pupils listen to each other's ideas respectfully",
  'Pupils respond quickly when the teacher gives an instruction',
  'Pupils can find the learning objective in their books',
  'Some pupils explain how they solved the problem to the class',
  'Pupils work independently while adults support a small group',
  'Books show a range of extended writing',
  'Pupils use dictionaries and thesauruses without prompting',
  'Pupils give each other feedback using the success criteria',
  'Pupils can say what a good piece of work looks like',
  'Pupils move between tasks calmly',
  'Pupils use the worked example on the board',
  'Practical equipment is set out and ready',
  'Pupils talk about their reading with enthusiasm',
  'To see how pupils use feedback',
  'To check pupils can say what they are learning',
  'Check that fire exits are clear',
  'Pupils explain their reasoning using subject vocabulary',
  'Most pupils can say what they are learning and why',
  "Displays show current pupils' work",
  'Pupils respond to questions with extended answers',
  'Working walls support independent learning',
  "Pupils use the teacher's feedback to redraft a paragraph",
  'Most pupils stay on task while the adult works with a group',
  'Pupils talk about what makes a good answer',
  'Books show pupils correcting their own work',
  'Pupils can find resources without asking an adult',
  'Pupils rate their own confidence on a scale of 1 to 5',
  'Key vocabulary is displayed and used by pupils',
  'Pupils ask each other for help before asking the teacher',
  'Teaching assistants support pupils to work independently',
  'Pupils are silent and attentive while the teacher speaks',
  'When the teacher asks a question, most pupils put a hand up or write an answer',
  'Number of pupils who contribute to whole-class discussion',
  "Pupils' books show progress over time",
  'Fire exits are clear, signed and unlocked',
  'The reading corner is well stocked and pupils choose books from it',
  'Pupils compare strong and weak answers to improve their own',
  'Pupils grade their own work against the mark scheme',
  'Children in Reception choose activities independently',
  'Evidence of pupils acting on feedback in their books',
  'Questioning draws in pupils from every part of the room',
  'Pupils have time to think before answering',
  'Pupils work well together in pairs',
  'Resources are within reach of every pupil',
  "Pupils use the teacher's model to improve their own work",
  "Pupils compare their work with the teacher's worked example",
  'Pupils self-assess against the success criteria',
  'Pupils can explain how the lesson links to the last one',
  "Pupils work on a task matched to the lesson's purpose",
  'Pupils discuss ideas in pairs before answering',
  "How the class teacher's model is used by pupils to check their work",
];

describe('rule 6: a look-for is evidence about pupils, never a verdict on the teacher', () => {
  it('has a table of at least 20 prompts caught and 20 allowed', () => {
    expect(caught.length).toBeGreaterThanOrEqual(20);
    expect(allowed.length).toBeGreaterThanOrEqual(20);
  });

  it.each(caught)('refuses %j, naming the words, the reason and a rewrite', (prompt) => {
    const findings = checkEvaluation(prompt);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(normalisePrompt(prompt)).toContain(f.phrase.split(' … ')[0]);
      expect(Object.values(evaluationReasons)).toContain(f.reason);
      expect(f.rewrite).toMatch(/^Try: “.*pupils.*”\.$/i);
    }
  });

  it.each(allowed)('allows %j', (prompt) => {
    expect(checkEvaluation(prompt)).toEqual([]);
  });

  it.each([
    ['Teacher uses effective questioning', 'teacher-is-the-subject', 'Teacher'],
    ['The teacher manages behaviour effectively', 'teacher-is-the-subject', 'The teacher'],
    [
      'Quality of instruction: strong, adequate or weak',
      'grading-scale',
      'strong, adequate or weak',
    ],
    [
      'Quality of instruction: strong, adequate or weak',
      'verdict-on-teaching',
      'Quality of instruction',
    ],
    ['Overall judgement of the lesson', 'verdict-on-teaching', 'Overall judgement of the lesson'],
    [
      'How well does the class teacher differentiate?',
      'teacher-is-the-subject',
      'the class teacher',
    ],
    ['The lesson was well planned', 'verdict-on-teaching', 'The lesson was well planned'],
    ['Teacher has high expectations', 'teacher-is-the-subject', 'Teacher'],
    ['Rate the teaching out of 10', 'rates-the-teacher', 'Rate the teaching'],
  ])('explains %j under %s, naming %j', (prompt, rule, phrase) => {
    expect(checkEvaluation(prompt)).toContainEqual(expect.objectContaining({ rule, phrase }));
  });

  it('suggests a rewrite on the same topic, about pupils', () => {
    const [f] = checkEvaluation('The teacher manages behaviour effectively');
    expect(f!.rewrite).toBe(
      'Try: “Pupils follow the routines for starting, moving and working on the task”.',
    );
    const [q] = checkEvaluation('Teacher uses effective questioning');
    expect(q!.rewrite).toBe('Try: “Pupils answer questions with reasons or evidence”.');
  });

  it('reads each sentence of a longer prompt', () => {
    expect(checkEvaluation('Pupils work in pairs. The teacher circulates.')).toHaveLength(1);
  });

  it('passes every observer prompt of the built-in library', () => {
    for (const entry of library) {
      for (const lens of entry.content.lenses) {
        for (const f of lens.lookFors.filter((l) => l.audience === 'observer')) {
          expect(checkEvaluation(f.prompt), f.prompt).toEqual([]);
        }
      }
    }
  });
});
