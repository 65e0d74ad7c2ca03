import { describe, expect, it } from 'vitest';
import {
  type CaptureLookFor,
  canonicalJson,
  type RecordBodyInput,
  validateRecordBody,
} from './body.ts';

const lookFors: CaptureLookFor[] = [
  {
    id: 'a0000000-0000-4000-8000-000000000001',
    prompt: 'Pupils explain their reasoning',
    answerKind: 'prevalence',
    audience: 'observer',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000002',
    prompt: 'Word wall in use',
    answerKind: 'seen',
    audience: 'observer',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000003',
    prompt: 'Questions asked by pupils',
    answerKind: 'count',
    audience: 'observer',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000004',
    prompt: 'What pupils are reading',
    answerKind: 'note',
    audience: 'observer',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000005',
    prompt: 'What are you learning today?',
    answerKind: 'note',
    audience: 'pupils',
  },
];
const [explain, wordWall, questions, reading, askPupils] = lookFors.map((f) => f.id) as [
  string,
  string,
  string,
  string,
  string,
];

const valid: RecordBodyInput = {
  answers: [
    { lookForId: explain, kind: 'prevalence', value: 'most' },
    { lookForId: wordWall, kind: 'seen', value: true },
    { lookForId: questions, kind: 'count', value: 4 },
    { lookForId: reading, kind: 'note', value: 'A class novel' },
  ],
  notes: 'Most pupils were writing independently.',
  studentVoice: [{ promptId: askPupils, text: 'Fractions of amounts' }],
};

const codes = (body: RecordBodyInput) => validateRecordBody(body, lookFors).map((p) => p.code);

describe('validateRecordBody', () => {
  it('accepts answers of the right kinds for the focus’s look-fors', () => {
    expect(validateRecordBody(valid, lookFors)).toEqual([]);
  });

  it('accepts an empty record (notes can come later)', () => {
    expect(codes({ answers: [], notes: '', studentVoice: [] })).toEqual([]);
  });

  it('refuses a look-for that is not in the focus, naming the answer', () => {
    const problems = validateRecordBody(
      {
        ...valid,
        answers: [{ lookForId: 'b0000000-0000-4000-8000-000000000009', kind: 'seen', value: true }],
      },
      lookFors,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('unknown_look_for');
    expect(problems[0]!.path).toBe('answers[0].lookForId');
    expect(problems[0]!.message).toContain('Answer 1');
  });

  it('refuses an answer of the wrong kind, saying which kind it takes', () => {
    const problems = validateRecordBody(
      { ...valid, answers: [{ lookForId: explain, kind: 'count', value: 3 }] },
      lookFors,
    );
    expect(problems.map((p) => p.code)).toEqual(['wrong_answer_kind']);
    expect(problems[0]!.message).toContain('takes a prevalence answer, not a count answer');
  });

  it('refuses a kind that does not exist', () => {
    expect(
      codes({ ...valid, answers: [{ lookForId: wordWall, kind: 'grade', value: 3 }] }),
    ).toEqual(['wrong_answer_kind']);
  });

  it.each([
    ['prevalence', explain, 'outstanding'],
    ['prevalence', explain, 2],
    ['seen', wordWall, 'yes'],
    ['count', questions, -1],
    ['count', questions, 2.5],
    ['count', questions, 100000],
    ['note', reading, 12],
    ['note', reading, 'x'.repeat(2001)],
  ])('refuses a %s answer with value %j', (kind, lookForId, value) => {
    expect(codes({ ...valid, answers: [{ lookForId, kind, value }] })).toEqual(['invalid_answer']);
  });

  it('refuses two answers for one look-for', () => {
    expect(
      codes({
        ...valid,
        answers: [
          { lookForId: explain, kind: 'prevalence', value: 'some' },
          { lookForId: explain, kind: 'prevalence', value: 'most' },
        ],
      }),
    ).toEqual(['duplicate_answer']);
  });

  it('takes student voice only for prompts meant for pupils, once each', () => {
    expect(codes({ ...valid, studentVoice: [{ promptId: reading, text: 'x' }] })).toEqual([
      'unknown_prompt',
    ]);
    expect(
      codes({
        ...valid,
        studentVoice: [
          { promptId: askPupils, text: 'a' },
          { promptId: askPupils, text: 'b' },
        ],
      }),
    ).toEqual(['duplicate_prompt']);
  });

  it('refuses notes over the limit and reports every problem at once', () => {
    const problems = codes({
      answers: [{ lookForId: 'nope', kind: 'seen', value: true }],
      notes: 'n'.repeat(5001),
      studentVoice: [],
    });
    expect(problems).toEqual(['unknown_look_for', 'too_long']);
  });
});

describe('canonicalJson', () => {
  it('is the same however the device ordered answers, prompts and line endings', () => {
    const shuffled: RecordBodyInput = {
      answers: [...valid.answers].reverse(),
      notes: 'Line one\r\nLine two',
      studentVoice: valid.studentVoice,
    };
    const plain: RecordBodyInput = { ...valid, notes: 'Line one\nLine two' };
    expect(canonicalJson(shuffled)).toBe(canonicalJson(plain));
  });

  it('differs when the content differs', () => {
    expect(canonicalJson(valid)).not.toBe(canonicalJson({ ...valid, notes: `${valid.notes} ` }));
    expect(canonicalJson(valid)).not.toBe(
      canonicalJson({
        ...valid,
        answers: valid.answers.map((a) => (a.lookForId === explain ? { ...a, value: 'some' } : a)),
      }),
    );
  });

  it('has its keys in one order, whatever order they came in', () => {
    const reordered = JSON.parse(
      '{"studentVoice":[],"notes":"n","answers":[{"value":true,"kind":"seen","lookForId":"X"}]}',
    );
    expect(canonicalJson(reordered)).toBe(
      '{"answers":[{"lookForId":"x","kind":"seen","value":true}],"notes":"n","studentVoice":[]}',
    );
  });

  it('treats composed and decomposed accents as the same text', () => {
    const composed = { answers: [], notes: 'caf\u00e9', studentVoice: [] };
    const decomposed = { answers: [], notes: 'cafe\u0301', studentVoice: [] };
    expect(canonicalJson(composed)).toBe(canonicalJson(decomposed));
  });
});

describe('kept phrases (rule 9)', () => {
  const plain: RecordBodyInput = { answers: [], notes: 'Ms Khan modelled it.', studentVoice: [] };

  it('leaves a body that keeps nothing exactly as before, so older records keep their hash', () => {
    expect(canonicalJson({ ...plain, kept: [] })).toBe(canonicalJson(plain));
    expect(canonicalJson(plain)).not.toContain('kept');
  });

  it('orders kept phrases, trims them and keeps one reason per phrase and place', () => {
    const one = canonicalJson({
      ...plain,
      kept: [
        { field: 'notes', phrase: 'Ms Khan ', reason: 'first' },
        { field: 'notes', phrase: 'modelled', reason: ' Agreed. ' },
        { field: 'notes', phrase: 'Ms Khan', reason: 'Her request.' },
      ],
    });
    const other = canonicalJson({
      ...plain,
      kept: [
        { field: 'notes', phrase: 'modelled', reason: 'Agreed.' },
        { field: 'notes', phrase: 'Ms Khan', reason: 'Her request.' },
      ],
    });
    expect(one).toBe(other);
  });

  it('refuses a kept phrase for a place that holds no written text', () => {
    const problems = validateRecordBody(
      {
        answers: [{ lookForId: lookFors[0]!.id, kind: 'prevalence', value: 'most' }],
        notes: '',
        studentVoice: [],
        kept: [
          { field: `answer:${lookFors[0]!.id}`, phrase: 'most', reason: 'x' },
          { field: 'notes', phrase: 'anything', reason: '' },
        ],
      },
      lookFors,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown_kept_field', 'kept[0].field'],
    ]);
  });
});
