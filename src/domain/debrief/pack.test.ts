import { describe, expect, it } from 'vitest';
import type { EvidenceAnswer, VisitRecord } from '../insights/evidence.ts';
import { buildDebriefPack, type DebriefInput, packFigures, smallNumberNote } from './pack.ts';

const staffNames = ['Amir Patel', 'Ms Khan', 'Mrs Begum'];
const prev = (lookForId: string, value: 'not_seen' | 'some' | 'most' | 'all'): EvidenceAnswer => ({
  lookForId,
  kind: 'prevalence',
  value,
});

let n = 0;
function record(overrides: Partial<VisitRecord>): VisitRecord {
  n += 1;
  return {
    visitId: `v${n}`,
    schoolId: 'north',
    walkId: 'w1',
    date: '2026-11-16',
    teacherKey: `teacher-key-${n}`,
    departmentId: 'maths',
    yearGroupId: 'y7',
    weekday: 1,
    periodOrdinal: 2,
    frameworkVersionId: 'fv1',
    answers: [],
    notes: '',
    studentVoice: [],
    ...overrides,
  };
}

const notes = [
  'Pupils used mini whiteboards to show answers. Mr Patel circulated and checked.',
  'Mini whiteboards held up after each question, and pupils explained their methods.',
  'Pupils discussed the method with talk partners before answering.',
  'Talk partners agreed an answer; pupils explained their methods to the class.',
  'Ms Khan asked talk partners to agree an answer before sharing with the class.',
  'Pupils explained their methods using mini whiteboards; Aisha used 9X2 resources.',
  'Pupils worked on the retrieval quiz while the teacher was disorganised.',
];

function input(records: VisitRecord[]): DebriefInput {
  return {
    focus: {
      title: 'How pupils explain their thinking',
      purpose: 'We want to see how often pupils explain their reasoning, to plan staff training.',
      lookFors: [
        {
          key: 'explain',
          prompt: 'Pupils explain their reasoning',
          lensName: 'Talk',
          answerKind: 'prevalence',
          looksLike: 'Pupils say why.',
        },
        {
          key: 'check',
          prompt: 'Pupils check their understanding',
          lensName: 'Feedback',
          answerKind: 'prevalence',
        },
        {
          key: 'rare',
          prompt: 'Pupils lead the discussion',
          lensName: 'Talk',
          answerKind: 'prevalence',
        },
        { key: 'free', prompt: 'Anything else', lensName: 'Talk', answerKind: 'note' },
      ],
    },
    walks: [{ walkId: 'w1', date: '2026-11-16' }],
    records,
    studentVoicePrompts: [{ promptId: 'sv', prompt: 'What are you learning today?' }],
    names: { staffNames, pupilNames: ['Aisha'] },
  };
}

function walkRecords(): VisitRecord[] {
  const records: VisitRecord[] = [];
  for (let i = 0; i < 7; i++) {
    const dept = i < 4 ? 'maths' : i < 6 ? 'art' : 'music';
    records.push(
      record({
        departmentId: dept,
        yearGroupId: i % 2 ? 'y8' : 'y7',
        answers: [
          prev('explain', i < 6 ? 'most' : 'all'),
          prev('check', i % 3 ? 'some' : 'not_seen'),
          ...(i < 2 ? [prev('rare', 'most')] : []),
        ],
        notes: notes[i]!,
        studentVoice: [{ promptId: 'sv', text: 'We are learning equivalent fractions today.' }],
      }),
    );
  }
  // A second observer on the first visit: the visit still counts once.
  records.push({
    ...records[0]!,
    answers: [prev('explain', 'most')],
    notes: 'Pupils used mini whiteboards.',
  });
  return records;
}

describe('the debrief pack', () => {
  const pack = buildDebriefPack(input(walkRecords()));

  it('says what the walk looked for and why', () => {
    expect(pack.focus.title).toBe('How pupils explain their thinking');
    expect(pack.focus.purpose).toMatch(/explain their reasoning/);
    expect(pack.focus.lenses.map((l) => [l.name, l.lookFors.map((f) => f.key)])).toEqual([
      ['Talk', ['explain', 'rare', 'free']],
      ['Feedback', ['check']],
    ]);
    expect(pack.focus.walkDates).toEqual(['2026-11-16']);
    expect(pack.visits).toBe(7);
  });

  it('gives evidence per look-for with intervals and an honest small-number note', () => {
    const explain = pack.perLookFor.find((p) => p.key === 'explain')!;
    if (explain.status !== 'shown' || explain.summary.kind !== 'prevalence')
      throw new Error('shape');
    expect(explain.summary.counts).toEqual({ notSeen: 0, some: 0, most: 6, all: 1 });
    expect(explain.summary.mostOrAll.lower).toBeCloseTo(0.6457, 3);
    expect(explain.note).toMatch(/^Only 7 visits: .* could be anywhere from 65% to 100%/);
    // A look-for answered in only two teachers' lessons is hidden, and the pack says so.
    expect(pack.perLookFor.find((p) => p.key === 'rare')).toMatchObject({ status: 'suppressed' });
    expect(pack.suppressionNotes).toContain(
      '1 look-for is not shown because evidence for it came from fewer than 3 teachers’ lessons.',
    );
    // Note look-fors have no figure.
    expect(pack.perLookFor.map((p) => p.key)).toEqual(['explain', 'check', 'rare']);
  });

  it('merges or hides small groups in where the evidence came from, and says so', () => {
    const art = pack.coverage.departments.find((d) => d.key === 'art')!;
    const music = pack.coverage.departments.find((d) => d.key === 'music')!;
    expect(art.status).toBe('suppressed');
    expect(music.status).toBe('suppressed');
    expect(pack.coverage.departments.find((d) => d.key === 'maths')).toMatchObject({
      status: 'shown',
      visits: 4,
    });
    expect(pack.suppressionNotes).toContain(
      '2 departments were hidden because fewer than 3 teachers were visited in them.',
    );
    // Had art and music held only two teachers between them, maths would be hidden as well,
    // since "all − maths" would give the two of them away.
    const records = walkRecords();
    const keepInArt = records.find((r) => r.departmentId === 'art')!.visitId;
    const twoSmall = buildDebriefPack(
      input(
        records.map((r) =>
          r.departmentId === 'art' && r.visitId !== keepInArt ? { ...r, departmentId: 'maths' } : r,
        ),
      ),
    );
    expect(twoSmall.coverage.departments.map((d) => [d.key, d.status])).toEqual([
      ['maths', 'suppressed'],
      ['art', 'suppressed'],
      ['music', 'suppressed'],
    ]);
    expect(twoSmall.suppressionNotes).toContain(
      '2 departments were hidden because fewer than 3 teachers were visited in them; 1 more department was hidden so that no hidden department can be worked out from the totals.',
    );
  });

  it('selects notes and themes without names, and student-voice themes', () => {
    expect(pack.notes.length).toBeGreaterThan(0);
    for (const s of pack.notes) expect(s).not.toMatch(/Patel|Khan|Aisha|9X2|disorganised/);
    expect(pack.noteThemes.map((t) => t.phrase)).toContain('mini whiteboards');
    expect(pack.studentVoice).toEqual([
      {
        promptId: 'sv',
        prompt: 'What are you learning today?',
        themes: [expect.objectContaining({ phrase: 'learning equivalent fractions', visits: 7 })],
      },
    ]);
    expect(pack.suppressionNotes.some((s) => /left out of the examples because/.test(s))).toBe(
      true,
    );
  });

  it('finds bright spots with enough visits and a high lower bound, and prompts discussion', () => {
    expect(pack.brightSpots.map((b) => b.key)).toEqual(['explain']);
    expect(pack.brightSpots[0]!.why).toBe(
      'In 7 of 7 visits most or all pupils were doing this; even allowing for uncertainty, that is at least 65% of lessons.',
    );
    expect(pack.discussionPrompts).toEqual([
      'What does this tell us about how pupils explain their thinking?',
      'What does this tell us about “Pupils check their understanding”, and what might make it more common?',
      'What is helping “Pupils explain their reasoning” to happen, and how could we share it?',
      'What are pupils telling us that we did not see for ourselves?',
      'What surprised us?',
      'Where would support help most?',
      'What one thing will we try next, and how will we know it has made a difference?',
    ]);
  });

  it('contains nothing that identifies a teacher', () => {
    const json = JSON.stringify(pack);
    expect(json).not.toMatch(/teacher-key-/);
    for (const name of ['Patel', 'Amir', 'Khan', 'Begum', 'Aisha'])
      expect(json).not.toContain(name);
    expect(json).not.toContain('9X2');
    expect(json).not.toMatch(/"periodOrdinal"|"weekday"|"visitId"/);
  });

  it('shows no figures, themes or notes when fewer than k teachers were visited', () => {
    const small = buildDebriefPack(
      input(walkRecords().filter((r) => ['v1', 'v2'].includes(r.visitId))),
    );
    expect(small.evidenceShown).toBe(false);
    expect(small.visits).toBeNull();
    expect(small.perLookFor.every((p) => p.status === 'suppressed')).toBe(true);
    expect(small.notes).toEqual([]);
    expect(small.noteThemes).toEqual([]);
    expect(small.suppressionNotes[0]).toMatch(/^Fewer than 3 teachers were visited/);
    expect(JSON.stringify(small)).not.toMatch(/whiteboards|Patel/);
  });

  it('says once that figures are hidden, not on every row (issue 21)', () => {
    // Some look-fors hidden: the row says "hidden", the reason is in the notes once.
    const some = packFigures(pack);
    expect(some.hidden).toBe(1);
    expect(some.rows.map((r) => [r.key, r.status])).toEqual([
      ['explain', 'shown'],
      ['check', 'shown'],
      ['rare', 'hidden'],
    ]);
    expect(some.rows.find((r) => r.key === 'rare')).not.toHaveProperty('reason');
    // The whole walk too small: no rows at all, and one sentence saying why.
    const small = buildDebriefPack(
      input(walkRecords().filter((r) => ['v1', 'v2'].includes(r.visitId))),
    );
    const none = packFigures(small);
    expect(none.rows).toEqual([]);
    expect(none.hidden).toBe(small.perLookFor.length);
    expect(small.suppressionNotes.filter((n) => /Fewer than 3 teachers/.test(n))).toHaveLength(1);
  });

  it('only uses records of the walks in the debrief', () => {
    const other = record({
      walkId: 'w2',
      answers: [prev('explain', 'not_seen')],
      notes: 'Other walk.',
    });
    const withOther = buildDebriefPack(input([...walkRecords(), other]));
    expect(withOther.visits).toBe(7);
  });
});

describe('small-number note', () => {
  it('is plain about a large sample too', () => {
    const note = smallNumberNote({
      kind: 'seen',
      lookForId: 'x',
      n: 40,
      counts: { seen: 20, notSeen: 20 },
      seen: { successes: 20, n: 40, share: 0.5, lower: 0.352, upper: 0.648 },
      headline: { successes: 20, n: 40, share: 0.5, lower: 0.352, upper: 0.648 },
    });
    expect(note).toBe(
      'Based on 40 visits; allowing for uncertainty, the share of lessons where this was seen is likely between 35% and 65%.',
    );
  });
});
