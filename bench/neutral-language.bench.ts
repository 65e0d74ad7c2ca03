import { createChecker } from '../src/domain/neutral-language/checker.ts';
import { checkRecordForHandIn } from '../src/domain/neutral-language/hand-in.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * Is the neutral-language checker cheap enough to run on every keystroke? It checks a batch of
 * realistic observer notes (two to five sentences each, some flagged, most clean) against two
 * baselines over the same text in the same run: the least any word-level checker must do
 * (lower-case and split on spaces), and a single precompiled RegExp.test for judgement words.
 * The names carry sentences per second, for a feel of the absolute speed on this machine.
 *
 * Name recognition (rule 9 at hand-in, issue 19) is measured on its own batch, where most
 * sentences hold a pupil's first name somewhere (mid-sentence, after "a boy called", with an
 * initial) or a word that only looks like one ("Will pupils…", "Queen Victoria"): the whole
 * hand-in check of a record against the same lower-case-and-split baseline.
 */

const SENTENCES = [
  'Most pupils were writing independently in their books.',
  'Pupils explained their reasoning to a partner before sharing with the class.',
  'The teacher modelled the first example on the board, then pupils practised.',
  'Some pupils were off task during the transition from the starter.',
  'Behaviour was poor at the back of the room.',
  'A boy, Jack, said he liked the fractions work because it was like a puzzle.',
  'I noticed most pupils used the word bank when they got stuck.',
  'The teacher failed to check understanding before moving on.',
  'Year 9 pupils in Maths were factorising quadratics with mini whiteboards.',
  'Pupils in English were annotating a poem by Simon Armitage in pairs.',
  'When asked, pupils could say what they were learning and why.',
  'Excellent teaching throughout, a really good lesson.',
  'Mr Patel didn’t circulate while pupils worked.',
  'A few pupils asked for help and were pointed to the worked example.',
  'Pupils used a weak acid in the titration and recorded their results in a table.',
  'She should have used mini whiteboards to check everyone.',
  'Pupils read aloud in groups of three, taking turns with a timer.',
  'The lesson was outstanding and pupils were clearly engaged.',
  'On Tuesday in Reception, children were counting to 20 with Numicon.',
  'Pupils said “you need to show every step” when asked how they check.',
  'Then Aisha said the answer was negative.',
  'Most pupils had a go at the extension task; some chose the support sheet.',
  'The TA sat with a group of four and read the questions aloud.',
  'Pupils were lazy and the pace was slow.',
  'Two girls, Maya and Zara, were sharing one laptop.',
  'Pupils discussed what Darwin said about finches and wrote a paragraph.',
];

const NAME_SENTENCES = [
  'Pupils were quiet until Jack shouted across the room.',
  'A boy called Jack was crying at the back.',
  'The girl named Zara read her poem aloud.',
  'Jack P. was out of his seat during the starter.',
  'Pupils helped Amira K with the graph.',
  'Will pupils finish the essay by Friday? Most had started.',
  'Grace period of five minutes before the test began.',
  'In History, pupils discussed Henry VIII and Queen Victoria.',
  'Pupils compared rainfall in Jordan and Kenya.',
  'Pupils read a poem by Simon Armitage in pairs.',
  'Then Oliwia explained the method to Chidera and Ifrah.',
  'Mohammed read his answer; Siobhan labelled the diagram.',
  'Most pupils wrote three paragraphs; some used the word bank.',
  'Pupils were reading Oliver Twist in groups of three.',
];

/** A deterministic batch: 300 notes of two to five sentences, picked with a simple LCG. */
function buildNotes(sentencePool: readonly string[] = SENTENCES): {
  notes: string[];
  sentences: number;
} {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed >>> 16; // the low bits of this generator repeat quickly
  };
  const notes: string[] = [];
  let sentences = 0;
  for (let n = 0; n < 300; n++) {
    const count = 2 + (next() % 4);
    const parts: string[] = [];
    for (let s = 0; s < count; s++) parts.push(sentencePool[next() % sentencePool.length]!);
    notes.push(parts.join(' '));
    sentences += count;
  }
  return { notes, sentences };
}

const perSecond = (count: number, ms: number) =>
  Math.round(count / (ms / 1000)).toLocaleString('en-GB');

export async function neutralLanguageBench(): Promise<Comparison[]> {
  const checker = createChecker({
    staffNames: ['Amir Patel', 'Ms Khan', 'Mrs Begum', 'Mr Okafor', 'Miss Jones'],
    pupilNames: ['Aisha', 'Tom Green', 'Will', 'Grace', 'Maya'],
  });
  const { notes, sentences } = buildNotes();
  const characters = notes.reduce((sum, n) => sum + n.length, 0);
  const judgementWords =
    /\b(?:poor|poorly|weak|lazy|terrible|awful|inadequate|outstanding|excellent|failed to|should have|good lesson)\b/i;

  let sink = 0;
  const results = [
    await compare(
      `neutral-language check of ${notes.length} notes (${sentences} sentences, ${characters} chars)`,
      async () => {
        for (const note of notes) sink += checker.check(note).length;
      },
      'lower-case + split(/\\s+/) of the same notes',
      async () => {
        for (const note of notes) sink += note.toLowerCase().split(/\s+/).length;
      },
    ),
    await compare(
      'neutral-language check, same notes',
      async () => {
        for (const note of notes) sink += checker.check(note).length;
      },
      'one precompiled RegExp.test of judgement words over the same notes',
      async () => {
        for (const note of notes) sink += judgementWords.test(note) ? 1 : 0;
      },
    ),
  ];
  const named = buildNotes(NAME_SENTENCES);
  const namedChars = named.notes.reduce((sum, n) => sum + n.length, 0);
  const bodies = named.notes.map((n) => ({ answers: [], notes: n, studentVoice: [] }));
  const nameResult = await compare(
    `rule-9 hand-in check (name recognition) of ${named.notes.length} notes (${named.sentences} sentences, ${namedChars} chars)`,
    async () => {
      for (const body of bodies) sink += checkRecordForHandIn(checker, body).refused.length;
    },
    'lower-case + split(/\\s+/) of the same notes',
    async () => {
      for (const note of named.notes) sink += note.toLowerCase().split(/\s+/).length;
    },
  );
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  const label = (r: Comparison, count: number, noteCount: number) => ({
    ...r,
    name: `${r.name}: ${perSecond(count, r.candidateMedianMs)} sentences/s (${((r.candidateMedianMs * 1000) / noteCount).toFixed(1)} µs a note)`,
  });
  return [
    ...results.map((r) => label(r, sentences, notes.length)),
    label(nameResult, named.sentences, named.notes.length),
  ];
}
