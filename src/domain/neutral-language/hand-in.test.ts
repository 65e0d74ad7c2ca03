import { describe, expect, it } from 'vitest';
import type { RecordBody } from '../records/body.ts';
import { createChecker } from './checker.ts';
import { checkRecordForHandIn, type SpanKind } from './hand-in.ts';
import { presentRecord, REDACTED_NAME, REDACTED_WORDING } from './present.ts';

/**
 * Protocol rule 9 at hand-in: the domain table. Each caught sentence lists what must stop the
 * hand-in (kind and phrase); each legitimate sentence must hand in as written. The checker knows
 * the school's staff, as the server gives it, and no pupils: pupils are found by first name.
 */
const checker = createChecker({ staffNames: ['Callum Vaughan', 'Ms Khan', 'Mr Okafor'] });

const notes = (text: string, kept: RecordBody['kept'] = []): RecordBody => ({
  answers: [],
  notes: text,
  studentVoice: [],
  kept,
});
const refusedIn = (text: string) =>
  checkRecordForHandIn(checker, notes(text)).refused.map((s) => [s.kind, s.phrase]);

type Caught = [sentence: string, spans: [SpanKind, string][]];

const caught: Caught[] = [
  // The example in issue 19.
  [
    'Callum Vaughan lost control; terrible lesson… A boy called Jack was crying.',
    [
      ['about_teacher', 'Callum Vaughan lost control'],
      ['staff_name', 'Callum Vaughan'],
      ['judgement', 'terrible lesson'],
      ['pupil_name', 'Jack'],
    ],
  ],
  // Pupils' names wherever they stand.
  ['Pupils were quiet until Jack shouted across the room.', [['pupil_name', 'Jack']]],
  [
    'The group with Aisha and Ben finished first.',
    [
      ['pupil_name', 'Aisha'],
      ['pupil_name', 'Ben'],
    ],
  ],
  ['Mohammed read his answer to the class.', [['pupil_name', 'Mohammed']]],
  ['Then Oliwia explained the method in Polish.', [['pupil_name', 'Oliwia']]],
  [
    'Two pupils, Chidera and Ifrah, shared a laptop.',
    [
      ['pupil_name', 'Chidera'],
      ['pupil_name', 'Ifrah'],
    ],
  ],
  ['Pupils copied the diagram while Siobhan labelled it.', [['pupil_name', 'Siobhan']]],
  ['Rhys finished early and helped his partner.', [['pupil_name', 'Rhys']]],
  // Names inside a phrase, with an initial, or owning something.
  ['A boy called Jack was crying.', [['pupil_name', 'Jack']]],
  ['The girl named Zara read her poem aloud.', [['pupil_name', 'Zara']]],
  ['a boy called jack was out of his seat.', [['pupil_name', 'jack']]],
  ['Jack P. was out of his seat.', [['pupil_name', 'Jack P']]],
  ['Pupils helped Amira K with the graph.', [['pupil_name', 'Amira K']]],
  ['I looked at Jack’s book: three drafts.', [['pupil_name', 'Jack']]],
  // Names that are also words, where they are names.
  ['Will was off task for most of the lesson.', [['pupil_name', 'Will']]],
  ['Grace explained her method to the class.', [['pupil_name', 'Grace']]],
  ['Pupils said Hope was helping them.', [['pupil_name', 'Hope']]],
  // Staff by name.
  ['Ms Khan was at the board with the visualiser.', [['staff_name', 'Ms Khan']]],
  ['Pupils in Mr Okafor’s class were annotating.', [['staff_name', 'Mr Okafor']]],
  // Evaluative wording about the teacher, British phrasings included.
  ['The teacher lost control after break.', [['about_teacher', 'The teacher lost control']]],
  ['She lost the class after ten minutes.', [['about_teacher', 'She lost the class']]],
  ['The lesson was a shambles.', [['judgement', 'a shambles']]],
  ['Dire behaviour for learning in the first ten minutes.', [['judgement', 'Dire']]],
  ['A cracking lesson, pupils were busy throughout.', [['judgement', 'cracking lesson']]],
  ['Weak teaching of fractions.', [['judgement', 'Weak teaching']]],
  ['The teacher was out of her depth.', [['about_teacher', 'The teacher was out of her depth']]],
  ['The starter was not up to scratch.', [['judgement', 'not up to scratch']]],
];

const legitimate: string[] = [
  'Will pupils finish the essay by Friday? Most had started.',
  'Grace period of five minutes before the test began.',
  'Mark the page where you stopped, the teacher said to the class.',
  'May pupils use calculators? Most did.',
  'Hope and fear were the themes of the poem pupils annotated.',
  'Pupils were reading Oliver Twist in pairs.',
  'Pupils compared Romeo and Juliet with a modern retelling.',
  'In History, pupils discussed Henry VIII and his wives.',
  'Queen Victoria’s reign was the topic of the timeline.',
  'Pupils compared rainfall in Jordan and Kenya.',
  'A trip to Florence was on the display board.',
  'Pupils read a poem by Simon Armitage and one by Grace Nichols.',
  'Pupils in the Rose Garden were sketching plants.',
  'Pupils wrote letters to St Mary’s Primary.',
  'The traffic survey on Victoria Road was on the board.',
  'In English, pupils wrote about what Charles Dickens thought of workhouses.',
  'Pupils used Numicon and Cuisenaire rods in Maths.',
  'Pupils were cracking eggs for the cake mixture in Food.',
  'Pupils used a jack to lift the model car in DT.',
  'Year 10 pupils explained their reasoning to a partner.',
  'The teacher modelled the method, then pupils practised it.',
  'Pupils retold the story of Mary and Joseph in RE.',
  'On Tuesday in Reception, children were counting with Numicon.',
  'Pupils in Year 8 studied the Battle of Hastings.',
  'Most pupils wrote three paragraphs; some used the word bank.',
  'Pupils read about Florence Nightingale and Mary Seacole.',
  'The Union Jack was on the wall beside the map.',
  'Children in Rowan class were measuring with cubes.',
  'Pupils read about Alfred the Great and the Danes.',
];

describe('rule 9 at hand-in, sentence by sentence', () => {
  it('has a table of at least 40 sentences, about half caught and half legitimate', () => {
    expect(caught.length + legitimate.length).toBeGreaterThanOrEqual(40);
    expect(caught.length).toBeGreaterThanOrEqual(20);
    expect(legitimate.length).toBeGreaterThanOrEqual(20);
  });

  it.each(caught)('refuses “%s”', (sentence, spans) => {
    expect(refusedIn(sentence)).toEqual(spans);
  });

  it.each(legitimate.map((s) => [s]))('hands in “%s” as written', (sentence) => {
    expect(refusedIn(sentence)).toEqual([]);
  });
});

describe('spans in a refusal', () => {
  it('gives start, end, phrase, kind, reason and hint, sliced from the text as written', () => {
    const text = 'Pupils were quiet until Jack shouted.';
    const [span] = checkRecordForHandIn(checker, notes(text)).refused;
    expect(span).toMatchObject({
      field: 'notes',
      start: 24,
      end: 28,
      phrase: 'Jack',
      kind: 'pupil_name',
    });
    expect(text.slice(span!.start, span!.end)).toBe(span!.phrase);
    expect(span!.reason).toMatch(/cannot be kept/);
    expect(span!.hint).toMatch(/a pupil/);
    expect(span!.keepable).toBe(false);
  });

  it('checks note answers and what pupils said, naming the field', () => {
    const body: RecordBody = {
      answers: [{ lookForId: 'f1', kind: 'note', value: 'Zara used the word bank.' }],
      notes: '',
      studentVoice: [{ promptId: 'p1', text: 'Ayo said it helped.' }],
    };
    expect(checkRecordForHandIn(checker, body).refused.map((s) => [s.field, s.phrase])).toEqual([
      ['answer:f1', 'Zara'],
      ['voice:p1', 'Ayo'],
    ]);
  });
});

describe('what pupils said', () => {
  it('lets a pupil say what they liked, but not name a classmate or grade the lesson', () => {
    const body: RecordBody = {
      answers: [],
      notes: '',
      studentVoice: [
        { promptId: 'p1', text: 'I liked the puzzles because Ayo helped me.' },
        { promptId: 'p2', text: 'It was a boring lesson.' },
      ],
    };
    expect(
      checkRecordForHandIn(checker, body).refused.map((s) => [s.field, s.kind, s.phrase]),
    ).toEqual([
      ['voice:p1', 'pupil_name', 'Ayo'],
      ['voice:p2', 'judgement', 'boring lesson'],
    ]);
  });
});

describe('keeping a flagged phrase with a reason', () => {
  const text = 'Ms Khan asked pupils to recap. Callum Vaughan didn’t circulate.';

  it('lets a staff name or a verdict on the teacher stand with a reason, and says so', () => {
    const result = checkRecordForHandIn(
      checker,
      notes(text, [
        { field: 'notes', phrase: 'ms khan', reason: 'She asked me to record her name.' },
        {
          field: 'notes',
          phrase: 'Callum Vaughan didn’t',
          reason: 'Agreed wording at the debrief.',
        },
      ]),
    );
    expect(result.refused).toEqual([]);
    expect(result.kept.map((s) => [s.phrase, s.keptReason])).toEqual([
      ['Ms Khan', 'She asked me to record her name.'],
      ['Callum Vaughan didn’t', 'Agreed wording at the debrief.'],
      // The name inside the kept verdict is kept with it.
      ['Callum Vaughan', 'Agreed wording at the debrief.'],
    ]);
  });

  it('refuses a phrase kept without a reason, saying a reason is missing', () => {
    const { refused } = checkRecordForHandIn(
      checker,
      notes('Ms Khan was at the door.', [{ field: 'notes', phrase: 'Ms Khan', reason: '  ' }]),
    );
    expect(refused.map((s) => s.phrase)).toEqual(['Ms Khan']);
    expect(refused[0]!.reason).toMatch(/without a reason/);
  });

  it('never keeps a pupil’s name, whatever the reason', () => {
    const { refused, kept } = checkRecordForHandIn(
      checker,
      notes('Jack was crying.', [{ field: 'notes', phrase: 'Jack', reason: 'It matters.' }]),
    );
    expect(refused.map((s) => [s.kind, s.phrase])).toEqual([['pupil_name', 'Jack']]);
    expect(kept).toEqual([]);
  });

  it('keeps a phrase only in the field it was kept in', () => {
    const body: RecordBody = {
      answers: [{ lookForId: 'f1', kind: 'note', value: 'Ms Khan modelled it.' }],
      notes: 'Ms Khan was at the door.',
      studentVoice: [],
      kept: [{ field: 'notes', phrase: 'Ms Khan', reason: 'Her request.' }],
    };
    expect(checkRecordForHandIn(checker, body).refused.map((s) => s.field)).toEqual(['answer:f1']);
  });
});

describe('how readers see a handed-in record', () => {
  const body = notes('Ms Khan modelled it. Jack was crying. A terrible start.', [
    { field: 'notes', phrase: 'Ms Khan', reason: 'She asked to be named.' },
  ]);

  it('shows the teacher a kept phrase marked with its reason, and no pupil’s name', () => {
    const shown = presentRecord(checker, body, 'teacher');
    expect(shown.body.notes).toBe(
      `Ms Khan modelled it. ${REDACTED_NAME} was crying. A terrible start.`,
    );
    expect(shown.marks).toEqual([
      {
        field: 'notes',
        start: 0,
        end: 7,
        phrase: 'Ms Khan',
        kind: 'staff_name',
        reason: 'She asked to be named.',
      },
    ]);
  });

  it('never shows a leader a flagged phrase kept without a reason (records from before the check)', () => {
    const shown = presentRecord(checker, body, 'leader');
    expect(shown.body.notes).toBe(
      `Ms Khan modelled it. ${REDACTED_NAME} was crying. A ${REDACTED_WORDING} start.`,
    );
    expect(shown.removed).toBe(2);
    expect(shown.marks.map((m) => m.phrase)).toEqual(['Ms Khan']);
  });

  it('shows the observer what they wrote', () => {
    expect(presentRecord(checker, body, 'observer').body.notes).toBe(body.notes);
  });
});
