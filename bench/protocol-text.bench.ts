import { checkEvaluation } from '../src/domain/frameworks/evaluation.ts';
import { checkFocusText } from '../src/domain/frameworks/individual.ts';
import { checkStudentVoice } from '../src/domain/frameworks/student-voice.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * Are the protocol's text checks cheap enough to run as a leader types a look-for, a question
 * for pupils or a focus? Each check reads a batch of realistic texts (about half refused) and
 * is compared, in the same run, with the least a sentence-reading check must do: lower-case the
 * text and split it into words. The names carry texts per second for a feel of absolute speed.
 */

const LOOK_FORS = [
  'Pupils explain their reasoning using subject vocabulary',
  'Most pupils can say what they are learning and why',
  "Displays show current pupils' work",
  'Working walls support independent learning',
  'Number of pupils who contribute to whole-class discussion',
  'When the teacher asks a question, most pupils put a hand up or write an answer',
  'Teacher uses effective questioning',
  'The teacher manages behaviour effectively',
  'Quality of instruction: strong, adequate or weak',
  'Overall judgement of the lesson',
  'How well does the class teacher differentiate?',
  'The lesson was well planned',
];
const QUESTIONS = [
  'What are you learning about today?',
  'What do you do when you are stuck?',
  'How do you know when your work is good?',
  'Can you show me something you improved?',
  'Which adults can you ask for help if you are stuck?',
  'How does your maths teacher help you?',
  'Does the adult at the front explain things well?',
  'Would you give this lesson a thumbs up or down?',
  'Is Miss kind to you?',
];
const FOCI = [
  'How pupils explain their reasoning in Year 8 maths',
  'To see how pupils read and talk about texts in every subject, so that the reading strategy is built on what happens in classrooms.',
  'Questioning that draws every pupil in',
  'Reading aloud in tutor time',
  'Whether the NQT in room M4 is coping',
  "The new maths teacher's behaviour management",
  'Teacher performance for appraisal',
  'How Amir Patel uses mini whiteboards',
];
const STAFF = [
  { id: 'a', name: 'Amir Patel', code: 'APA' },
  { id: 'b', name: 'Sara Khan', code: 'SKH' },
  { id: 'c', name: 'Tom Okafor', code: 'TOK' },
];

/** 30 copies of each set, so one run times a few hundred texts. */
const batch = (texts: string[]) => Array.from({ length: 30 }, () => texts).flat();
const perSecond = (count: number, ms: number) =>
  Math.round(count / (ms / 1000)).toLocaleString('en-GB');

export async function protocolTextBench(): Promise<Comparison[]> {
  let sink = 0;
  const split = (texts: string[]) => async () => {
    for (const text of texts) sink += text.toLowerCase().split(/\s+/).length;
  };
  const checks: [string, string[], (text: string) => number][] = [
    ['rule 6 look-for check', batch(LOOK_FORS), (text) => checkEvaluation(text).length],
    ['rule 7 student-voice check', batch(QUESTIONS), (text) => checkStudentVoice(text).length],
    [
      'rule 2 focus check (with a staff list, and rule 6)',
      batch(FOCI),
      (text) => {
        const found = checkFocusText(text, STAFF);
        return found.names.length + found.findings.length;
      },
    ],
  ];
  const results: Comparison[] = [];
  for (const [name, texts, check] of checks) {
    const r = await compare(
      `${name} of ${texts.length} texts`,
      async () => {
        for (const text of texts) sink += check(text);
      },
      'lower-case + split(/\\s+/) of the same texts',
      split(texts),
    );
    results.push({
      ...r,
      name: `${r.name}: ${perSecond(texts.length, r.candidateMedianMs)} texts/s (${((r.candidateMedianMs * 1000) / texts.length).toFixed(1)} µs a text)`,
    });
  }
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  return results;
}
