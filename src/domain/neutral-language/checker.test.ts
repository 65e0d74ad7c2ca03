import { describe, expect, it } from 'vitest';
import { createChecker, type FindingKind, type LanguageFinding } from './checker.ts';

/** What a row expects: the kind, the exact words flagged, and which occurrence of them (from 0). */
type Expected = [kind: FindingKind, text: string, occurrence?: number];
type Row = [note: string, expected: Expected[]];

const checker = createChecker({
  staffNames: ['Amir Patel', 'Ms Khan', 'Mrs Begum'],
  pupilNames: ['Aisha', 'Tom Green', 'Will', 'Grace'],
});

function spanOf(note: string, [kind, text, occurrence = 0]: Expected) {
  let start = -1;
  for (let n = 0; n <= occurrence; n++) start = note.indexOf(text, start + 1);
  if (start < 0) throw new Error(`bad test row: “${text}” is not in “${note}”`);
  return { kind, start, end: start + text.length, text };
}

const shape = (f: LanguageFinding) => ({ kind: f.kind, start: f.start, end: f.end, text: f.text });
const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start - b.start || b.end - a.end;

const flagged: Row[] = [
  // Judgement and evaluation
  [
    'Behaviour was poor and pupils were lazy.',
    [
      ['judgement', 'poor'],
      ['judgement', 'lazy'],
    ],
  ],
  [
    'Excellent teaching throughout, a really good lesson.',
    [
      ['judgement', 'Excellent teaching'],
      ['judgement', 'good lesson'],
    ],
  ],
  ['An outstanding lesson.', [['judgement', 'outstanding lesson']]],
  ['The lesson was outstanding.', [['judgement', 'outstanding']]],
  ['Pupils failed to finish the task.', [['judgement', 'failed to']]],
  ['The starter should have been shorter.', [['judgement', 'should have']]],
  ['The plenary should’ve come sooner.', [['judgement', 'should’ve']]],
  ['Terrible behaviour at the back of the room.', [['judgement', 'Terrible']]],
  ['Questioning was weak.', [['judgement', 'weak']]],
  ['Provision for SEND pupils is inadequate.', [['judgement', 'inadequate']]],
  ['Behaviour management requires improvement.', [['judgement', 'requires improvement']]],
  ['POOR use of time.', [['judgement', 'POOR']]],
  ['I liked the way pupils questioned each other.', [['judgement', 'I liked']]],
  ['I would have used a visualiser here.', [['judgement', 'I would have']]],
  ['Pupils’ work was sloppy and rushed.', [['judgement', 'sloppy']]],
  ['The lesson was boring, pupils said.', [['judgement', 'boring']]],
  ['Lack of challenge for the most able.', [['judgement', 'Lack of']]],
  ['An amazing atmosphere for reading.', [['judgement', 'amazing']]],
  [
    'Some pupils were unruly and rude.',
    [
      ['judgement', 'unruly'],
      ['judgement', 'rude'],
    ],
  ],
  ['Really impressive written work.', [['judgement', 'impressive']]],
  ['Pupils could have been challenged more.', [['judgement', 'could have been']]],
  ['The pace was (frankly) dreadful!', [['judgement', 'dreadful']]],
  ['Pupils behaved badly during the transition.', [['judgement', 'badly']]],
  ['It was not good enough.', [['judgement', 'not good enough']]],
  // About the teacher rather than learning
  ['The teacher failed to check understanding.', [['about_teacher', 'The teacher failed to']]],
  ['The teacher didn’t notice two pupils off task.', [['about_teacher', 'The teacher didn’t']]],
  ['She should have used mini whiteboards.', [['about_teacher', 'She should have']]],
  ['Teacher was disorganised at the start.', [['about_teacher', 'Teacher was disorganised']]],
  ['He must give clearer instructions.', [['about_teacher', 'He must']]],
  ['You should use more cold calling.', [['about_teacher', 'You should']]],
  ['The teacher lost control after break.', [['about_teacher', 'The teacher lost control']]],
  [
    "The teacher's explanation was unclear.",
    [['about_teacher', "The teacher's explanation was unclear"]],
  ],
  ['The TA was clearly distracted.', [['about_teacher', 'The TA was clearly distracted']]],
  ["Miss didn't explain the task; pupils looked confused.", [['about_teacher', "Miss didn't"]]],
  ['The teacher should’ve modelled it first.', [['about_teacher', 'The teacher should’ve']]],
  ['The class teacher also never circulated.', [['about_teacher', 'The class teacher also never']]],
  // Names, and names that are also the subject of a verdict
  [
    "Mr Smith didn't model the method.",
    [
      ['name', 'Mr Smith'],
      ['about_teacher', "Mr Smith didn't"],
    ],
  ],
  [
    'mr patel shouldn’t have moved on so fast.',
    [
      ['name', 'mr patel'],
      ['about_teacher', 'mr patel shouldn’t have'],
    ],
  ],
  [
    'Mrs Begum’s subject knowledge was weak.',
    [
      ['name', 'Mrs Begum'],
      ['about_teacher', 'Mrs Begum’s subject knowledge was weak'],
    ],
  ],
  [
    'It was a good lesson, but Mr Patel could not find the sheets.',
    [
      ['judgement', 'good lesson'],
      ['name', 'Mr Patel'],
      ['about_teacher', 'Mr Patel could not'],
    ],
  ],
  ['Ms Khan’s pupils were annotating a poem.', [['name', 'Ms Khan']]],
  ['Mr. Okafor asked pupils to pair up.', [['name', 'Mr. Okafor']]],
  ['Mrs J was at the front.', [['name', 'Mrs J']]],
  ['Mr John Smith was at the door.', [['name', 'Mr John Smith']]],
  ['A boy, Jack, said he liked fractions.', [['name', 'Jack']]],
  [
    'Pupils Amy and Ben were writing.',
    [
      ['name', 'Amy'],
      ['name', 'Ben'],
    ],
  ],
  ['Then Jack said the answer was 12.', [['name', 'Jack']]],
  ['The teacher asked Jack to read aloud.', [['name', 'Jack']]],
  ['A girl called Aisha explained her method.', [['name', 'Aisha']]],
  [
    'Two girls, Maya and Zara, were sharing one laptop.',
    [
      ['name', 'Maya'],
      ['name', 'Zara'],
    ],
  ],
  ['Tom Green was reading aloud.', [['name', 'Tom Green']]],
  ['Amir shared an example with pupils.', [['name', 'Amir']]],
  ['Patel’s class were copying the date.', [['name', 'Patel']]],
  ['Pupils said Grace was helping them.', [['name', 'Grace']]],
  ['Aisha’s book had three drafts.', [['name', 'Aisha']]],
];

const clean: string[] = [
  'Pupils explained their reasoning to a partner.',
  'Most pupils were writing independently.',
  'A poorly lit corner by the window.',
  'Year 7 pupils in Maths on Tuesday were factorising.',
  'In Reception, children were counting to 20 with Numicon.',
  'Pupils in English were annotating a poem by Simon Armitage.',
  'Pupils used a weak acid in the titration.',
  'The teacher modelled the method, then pupils practised it.',
  'The teacher asked pupils to explain their answers.',
  'Pupils discussed what Darwin said about finches.',
  'Some pupils were off task during the transition.',
  'A pupil said “you need to carry the one”.',
  'She explained her answer to her partner.',
  'Pupils in Year 10 were using Pythagoras’ theorem.',
  'On Friday in PE, pupils were practising passing drills.',
  'Pupil A and pupil B compared their graphs.',
  'Pupils read about the Poor Law in History.',
  'Will pupils finish the essay by Friday? Most had started.',
  'Pupils were writing in French and Spanish.',
  "The teacher's desk was by the door.",
  'Students were working on GCSE past papers in the Sixth Form centre.',
  'I noticed most pupils used the word bank.',
  'Pupils were reading Macbeth aloud in pairs.',
  'Pupils miss out on the plenary when lessons overrun.',
  'During the Summer term, pupils in Key Stage 3 were revising.',
  'Some pupils found the task hard and asked for help.',
  'Pupils could have a go at the extension task.',
  'The room was tidy and the resources were labelled.',
  'It was good. Lesson objectives were on the board.',
  'On Wednesday 3 March, Year 9 pupils were doing Spanish.',
  'Pupils were good at explaining why the answer was wrong.',
  'Pupils compared good and bad examples of paragraphs.',
  'Pupils were asked what makes a good explanation.',
  'Students, Miss said, had finished early.',
];

describe('the neutral-language checker, sentence by sentence', () => {
  it('has a table of at least 60 sentences, flagged and clean', () => {
    expect(flagged.length + clean.length).toBeGreaterThanOrEqual(60);
    expect(flagged.length).toBeGreaterThanOrEqual(30);
    expect(clean.length).toBeGreaterThanOrEqual(25);
  });

  it.each(flagged)('flags exactly what it should in “%s”', (note, expected) => {
    const want = expected.map((e) => spanOf(note, e)).sort(byPosition);
    expect(checker.check(note).map(shape)).toEqual(want);
  });

  it.each(clean.map((note) => [note]))('finds nothing to flag in “%s”', (note) => {
    expect(checker.check(note)).toEqual([]);
  });
});

describe('spans and offsets', () => {
  it('gives offsets into the text exactly as typed', () => {
    const note = 'Most were writing. The lesson was poor, and Mr Patel failed to notice.';
    expect(checker.check(note).map((f) => [f.kind, f.start, f.end])).toEqual([
      ['judgement', 34, 38],
      ['about_teacher', 44, 62],
      ['name', 44, 52],
    ]);
  });

  it('every finding in the table slices back to its own text', () => {
    for (const [note] of flagged) {
      for (const f of checker.check(note)) expect(note.slice(f.start, f.end)).toBe(f.text);
    }
  });

  it('counts offsets in UTF-16 code units, so an emoji before a finding does not shift it', () => {
    const note = '🙂 Poor pacing, said nobody.';
    const [finding] = checker.check(note);
    expect(finding).toMatchObject({ start: 3, end: 7, text: 'Poor' });
  });

  it('leaves a possessive “’s” out of a name', () => {
    expect(checker.check('Ms Khan’s room.').map(shape)).toEqual([
      { kind: 'name', start: 0, end: 7, text: 'Ms Khan' },
    ]);
  });

  it('orders findings by where they start, the wider one first', () => {
    const kinds = checker
      .check('Poor start. Mr Smith didn’t check, then excellent teaching.')
      .map((f) => f.kind);
    expect(kinds).toEqual(['judgement', 'about_teacher', 'name', 'judgement']);
  });
});

describe('case, punctuation and apostrophes', () => {
  it('matches whatever the case', () => {
    for (const word of ['poor', 'Poor', 'POOR', 'pOoR']) {
      expect(checker.check(`Pacing was ${word}.`).map((f) => f.text)).toEqual([word]);
    }
  });

  it('treats straight and curly apostrophes alike', () => {
    const straight = checker.check("The teacher didn't model it; she shouldn't have.");
    const curly = checker.check('The teacher didn’t model it; she shouldn’t have.');
    expect(curly.map((f) => [f.kind, f.start, f.end])).toEqual(
      straight.map((f) => [f.kind, f.start, f.end]),
    );
    expect(straight.map((f) => f.kind)).toEqual(['about_teacher', 'about_teacher']);
  });

  it('finds words next to any punctuation', () => {
    const note = '(weak) "lazy", …outstanding… poor!';
    expect(checker.check(note).map((f) => f.text)).toEqual(['weak', 'lazy', 'outstanding', 'poor']);
  });

  it('does not join a phrase across a full stop or comma', () => {
    expect(checker.check('It was good. Lesson two began.')).toEqual([]);
    expect(checker.check('The teacher, pupils said, did not mind.')).toEqual([]);
  });

  it('matches whole words only', () => {
    expect(checker.check('Pupils were badminton players; poorer families; weakness.')).toEqual([]);
  });

  it('does not treat “you” or “he/she” inside a pupil’s quoted words as advice', () => {
    expect(checker.check('One pupil said: "you must show the working".')).toEqual([]);
    expect(checker.check('You must show the working.').map((f) => f.kind)).toEqual([
      'about_teacher',
    ]);
  });
});

describe('known names', () => {
  const bare = createChecker();

  it('finds a supplied pupil name at the start of a sentence, even one not on the list of given names', () => {
    expect(bare.check('Tiberius explained his method.')).toEqual([]);
    const withPupil = createChecker({ pupilNames: ['Tiberius'] });
    expect(withPupil.check('Tiberius explained his method.').map(shape)).toEqual([
      { kind: 'name', start: 0, end: 8, text: 'Tiberius' },
    ]);
  });

  it('says whether a name is a member of staff or a pupil', () => {
    expect(checker.check('Amir was at the door.')[0]?.rule).toBe('known-staff-name');
    expect(checker.check('Then Aisha was reading.')[0]?.rule).toBe('known-pupil-name');
  });

  it('counts a supplied member of staff as the teacher when a verdict follows', () => {
    expect(checker.check('Amir didn’t circulate.').map((f) => [f.kind, f.text])).toEqual([
      ['about_teacher', 'Amir didn’t'],
      ['name', 'Amir'],
    ]);
    // Without the staff list, "Amir" is still a first name, but nothing says it is the teacher.
    expect(bare.check('Amir didn’t circulate.').map((f) => [f.kind, f.text, f.who])).toEqual([
      ['name', 'Amir', 'pupil'],
    ]);
  });

  it('matches a full name or a title and surname in any case', () => {
    for (const typed of ['amir patel', 'AMIR PATEL', 'miss khan', 'MRS BEGUM']) {
      expect(checker.check(`Pupils were with ${typed} today.`).map((f) => f.text)).toEqual([typed]);
    }
  });

  it('needs a capital letter for a one-word name that is also an ordinary word', () => {
    expect(checker.check('Pupils will finish tomorrow.')).toEqual([]);
    expect(checker.check('Pupils said Will was helping.').map((f) => f.text)).toEqual(['Will']);
    expect(checker.check('Will pupils finish tomorrow?')).toEqual([]);
  });

  it('never flags a school word on its own, even if it is part of a supplied name', () => {
    const withEnglish = createChecker({ staffNames: ['Mrs English'] });
    expect(withEnglish.check('Pupils in English were reading.')).toEqual([]);
    expect(withEnglish.check('Pupils were with Mrs English.').map((f) => f.text)).toEqual([
      'Mrs English',
    ]);
  });

  it('lets a school add words that are not names of people', () => {
    const note = 'The teacher asked Nightingale to line up first.';
    expect(bare.check(note).map((f) => f.text)).toEqual(['Nightingale']);
    expect(createChecker({ notNames: ['Nightingale'] }).check(note)).toEqual([]);
  });
});

describe('what each finding tells the observer', () => {
  it('explains each finding using the words that were flagged, with a neutral rewrite hint', () => {
    const findings = checker.check(
      'Poor pacing. Mr Smith failed to circulate. I loved it. You could use cold calling.',
    );
    expect(findings.map((f) => f.kind)).toEqual([
      'judgement',
      'about_teacher',
      'name',
      'judgement',
      'about_teacher',
    ]);
    for (const f of findings) {
      expect(f.explanation).toContain(`“${f.text}”`);
      expect(f.hint).toMatch(/'(Pupils were|I noticed|a pupil|I did not see)/);
    }
  });

  it('suggests describing pupils for judgements, noticing for praise, and leaving names out', () => {
    expect(checker.check('Weak.')[0]?.hint).toBe(
      "Describe what pupils were doing: 'Pupils were …'",
    );
    expect(checker.check('Excellent.')[0]?.hint).toBe("Say what you noticed: 'I noticed …'");
    expect(checker.check('A boy, Jack, said it.')[0]?.hint).toContain('Leave names out');
  });

  it('reports a judgement inside a statement about the teacher once, as about the teacher', () => {
    expect(checker.check('The teacher failed to check.').map((f) => f.kind)).toEqual([
      'about_teacher',
    ]);
  });
});

describe('running on every keystroke', () => {
  it('returns nothing for an empty note and never throws on odd input', () => {
    expect(checker.check('')).toEqual([]);
    expect(checker.check('   \n\t ')).toEqual([]);
    expect(checker.check('’’ "" … — Mr. . Mr Mr')).toEqual([]);
  });

  it('gives the same answer every time and keeps no state between calls or checkers', () => {
    const other = createChecker();
    const note = 'The teacher failed to check. A girl called Aisha was writing.';
    const first = checker.check(note);
    other.check('Something else entirely, poor.');
    expect(checker.check(note)).toEqual(first);
    expect(first).toHaveLength(2);
  });

  it('flags each prefix of a note as it is typed without losing earlier findings', () => {
    const note = 'Pupils were lazy and the teacher didn’t';
    const lengths: number[] = [];
    for (let n = 1; n <= note.length; n++) lengths.push(checker.check(note.slice(0, n)).length);
    expect(lengths[note.indexOf('lazy') + 3]).toBe(1);
    expect(lengths.at(-1)).toBe(2);
    expect(lengths.every((n, i) => i === 0 || n >= lengths[i - 1]! - 1)).toBe(true);
  });

  it('stays linear on a long pasted note and on repetitive input', () => {
    const sentence = 'Mr Patel failed to circulate and behaviour was poor. Pupils were writing. ';
    const long = sentence.repeat(2_000);
    const started = performance.now();
    const findings = checker.check(long);
    const repetitive = checker.check('Mr '.repeat(20_000));
    const elapsed = performance.now() - started;
    expect(findings).toHaveLength(2_000 * 3);
    expect(repetitive).toEqual([]);
    // Generous: the benchmark measures speed; this only catches a quadratic blow-up.
    expect(elapsed).toBeLessThan(2_000);
  });
});
