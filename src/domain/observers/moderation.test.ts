import { describe, expect, it } from 'vitest';
import { createChecker } from '../neutral-language/checker.ts';
import {
  agreedReadingFindings,
  anonymisePair,
  type ModerationLookFor,
  readingsRevealed,
  sceneSpread,
  withAgreedGuidance,
} from './moderation.ts';

const lookFors: ModerationLookFor[] = [
  { id: 'explain', prompt: 'Pupils explain their reasoning', answerKind: 'prevalence' },
  { id: 'wall', prompt: 'Pupils use the word wall', answerKind: 'seen' },
];

describe('when a moderation session’s readings are revealed', () => {
  const participantIds = ['p1', 'p2', 'p3'];
  it('stays hidden until every participant has handed in', () => {
    expect(readingsRevealed({ participantIds, handedIn: new Set(), revealed: false })).toBe(false);
    expect(
      readingsRevealed({ participantIds, handedIn: new Set(['p1', 'p2']), revealed: false }),
    ).toBe(false);
    expect(
      readingsRevealed({ participantIds, handedIn: new Set(['p1', 'p2', 'p3']), revealed: false }),
    ).toBe(true);
  });

  it('is shown early when the facilitator reveals, and never for a session with nobody in it', () => {
    expect(readingsRevealed({ participantIds, handedIn: new Set(['p1']), revealed: true })).toBe(
      true,
    );
    expect(readingsRevealed({ participantIds: [], handedIn: new Set(), revealed: false })).toBe(
      false,
    );
  });
});

describe('the spread of a scene’s readings', () => {
  const readings = [
    { personId: 'p1', answers: { explain: 'most', wall: true } as const },
    { personId: 'p2', answers: { explain: 'most', wall: false } as const },
    { personId: 'p3', answers: { explain: 'some', wall: true } as const },
  ];

  it('counts each answer, marks only the viewer’s own, and gives agreement over every two readers', () => {
    const s = sceneSpread(lookFors, readings, 'p2', 3);
    expect(s.suppressed).toBe(false);
    const explain = s.lookFors[0]!;
    expect(explain.yours).toBe('most');
    expect(explain.counts).toEqual([
      { answer: 'not_seen', count: 0 },
      { answer: 'some', count: 1 },
      { answer: 'most', count: 2 },
      { answer: 'all', count: 0 },
    ]);
    // Three readers make three pairs; all read "some or more", so seen / not seen agrees fully.
    expect(explain.figure.n).toBe(3);
    expect(explain.figure.percentAgreement).toBe(1);
    expect(explain.figure.weighted?.n).toBe(3);
    const wall = s.lookFors[1]!;
    expect(wall.counts).toEqual([
      { answer: true, count: 2 },
      { answer: false, count: 1 },
    ]);
    // p1–p3 agree, p1–p2 and p2–p3 do not.
    expect(wall.figure.percentAgreement).toBeCloseTo(1 / 3, 10);
    expect(JSON.stringify(s)).not.toContain('p1');
  });

  it('hides counts and figures under k readings, but still shows the viewer’s own', () => {
    const s = sceneSpread(lookFors, readings.slice(0, 2), 'p1', 3);
    expect(s.suppressed).toBe(true);
    expect(s.lookFors[0]!.counts).toBeNull();
    expect(s.lookFors[0]!.figure.percentAgreement).toBeNull();
    expect(s.lookFors[0]!.yours).toBe('most');
    expect(sceneSpread(lookFors, readings, 'nobody', 3).lookFors[1]!.yours).toBeNull();
  });
});

describe('anonymising a paired record for a session', () => {
  it('keeps only the judgements on the session’s look-fors, as Observer A and B', () => {
    const a = [
      { lookForId: 'explain', kind: 'prevalence', value: 'all' },
      { lookForId: 'wall', kind: 'seen', value: true },
      { lookForId: 'questions', kind: 'count', value: 4 },
      { lookForId: 'voice', kind: 'note', value: 'Ms Rahman asked Kieran to read' },
    ];
    const b = [
      { lookForId: 'explain', kind: 'prevalence', value: 'most' },
      { lookForId: 'wall', kind: 'seen', value: 'Jo said yes' },
    ];
    const pair = anonymisePair(lookFors, a, b);
    expect(pair.rows).toEqual([
      { lookForId: 'explain', prompt: 'Pupils explain their reasoning', a: 'all', b: 'most' },
      { lookForId: 'wall', prompt: 'Pupils use the word wall', a: true, b: null },
    ]);
    const text = JSON.stringify(pair);
    for (const word of ['Rahman', 'Kieran', 'Jo said', 'questions']) {
      expect(text).not.toContain(word);
    }
  });

  it('leaves out a look-for neither observer answered', () => {
    expect(anonymisePair(lookFors, [], []).rows).toEqual([]);
  });
});

describe('agreed readings as guidance', () => {
  const checker = createChecker({ staffNames: [] });

  it('accepts a description of what pupils do and refuses a verdict on the teacher', () => {
    expect(
      agreedReadingFindings(
        checker,
        'Most pupils explain a step of their reasoning to a partner without being asked.',
      ),
    ).toEqual([]);
    const findings = agreedReadingFindings(checker, 'The teacher was excellent at questioning.');
    expect(findings.length).toBeGreaterThan(0);
  });

  it('puts each agreed reading on the new version’s look-for that continues it', () => {
    const next = [
      { key: 'explain-2', continues: 'explain', guidance: { doesNotMean: 'Silence is wrong.' } },
      { key: 'wall', continues: 'wall', guidance: {} },
      { key: 'new', continues: null, guidance: {} },
    ];
    const agreed = new Map([
      ['explain', { text: 'Two or more steps, said aloud.', part: 'looksLike' as const }],
    ]);
    const { lookFors: out, applied } = withAgreedGuidance(next, agreed);
    expect(applied).toBe(1);
    expect(out[0]!.guidance).toEqual({
      looksLike: 'Two or more steps, said aloud.',
      doesNotMean: 'Silence is wrong.',
    });
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(next[2]);
  });
});
