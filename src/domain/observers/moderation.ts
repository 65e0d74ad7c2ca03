import type { Guidance, Prevalence } from '../frameworks/types.ts';
import type { LanguageFinding, NeutralLanguageChecker } from '../neutral-language/checker.ts';
import { type AgreementFigure, agreementFigure, answerPairOf } from './agreement.ts';
import { PREVALENCE_SCALE } from './kappa.ts';

/**
 * Moderation sessions (issue 15): observers record the same practice scenes, or review the same
 * anonymised paired records, together; the facilitator notes the agreed reading of each look-for,
 * which can become the look-for's guidance in a new framework version. Every figure here
 * describes how observers record, never a teacher; a participant's own reading is theirs alone.
 */

export type ModerationAnswer = boolean | Prevalence | null;
export type ModerationLookFor = { id: string; prompt: string; answerKind: 'seen' | 'prevalence' };

/**
 * When a scene's readings are shown to the session: once every participant has handed in their
 * reading of it, or once the facilitator reveals them. Until then nobody sees anyone else's.
 */
export function readingsRevealed(input: {
  participantIds: readonly string[];
  handedIn: ReadonlySet<string>;
  revealed: boolean;
}): boolean {
  if (input.revealed) return true;
  return (
    input.participantIds.length > 0 && input.participantIds.every((p) => input.handedIn.has(p))
  );
}

export type SpreadCount = { answer: boolean | Prevalence; count: number };

export type LookForSpread = {
  lookForId: string;
  /** How many readings chose each answer; null when fewer than k handed in (rule 10). */
  counts: SpreadCount[] | null;
  /** The viewer's own answer, when they handed in a reading. */
  yours: ModerationAnswer;
  /** Agreement between every two participants' readings (each pair once). */
  figure: AgreementFigure;
};

const optionsOf = (kind: 'seen' | 'prevalence'): (boolean | Prevalence)[] =>
  kind === 'seen' ? [true, false] : [...PREVALENCE_SCALE];

/**
 * The spread of a scene's readings per look-for: counts per answer and agreement figures, with no
 * names; the viewer's own answer beside them. Under k readings the counts and figures are hidden,
 * since a small group's counts would give away who read what.
 */
export function sceneSpread(
  lookFors: readonly ModerationLookFor[],
  readings: readonly { personId: string; answers: Readonly<Record<string, ModerationAnswer>> }[],
  viewerId: string,
  k: number,
): { suppressed: boolean; lookFors: LookForSpread[] } {
  const suppressed = readings.length < k;
  const mine = readings.find((r) => r.personId === viewerId);
  const asAnswers = (answers: Readonly<Record<string, ModerationAnswer>>) =>
    Object.entries(answers).map(([lookForId, value]) => ({ lookForId, kind: '', value }));
  return {
    suppressed,
    lookFors: lookFors.map((f) => {
      const yours = mine?.answers[f.id] ?? null;
      const pairs = [];
      for (let i = 0; i < readings.length; i++) {
        for (let j = i + 1; j < readings.length; j++) {
          const pair = answerPairOf(
            asAnswers(readings[i]!.answers),
            asAnswers(readings[j]!.answers),
            f,
          );
          // One "teacher" key: the scene is written, nobody's room; k is applied above instead.
          if (pair) pairs.push({ pair, teacher: 'scene' });
        }
      }
      const figure = agreementFigure(suppressed ? [] : pairs, 0);
      const counts = suppressed
        ? null
        : optionsOf(f.answerKind).map((answer) => ({
            answer,
            count: readings.filter((r) => r.answers[f.id] === answer).length,
          }));
      return { lookForId: f.id, counts, yours, figure };
    }),
  };
}

export type AnonymisedPair = {
  /** The only labels shown: "Observer A" and "Observer B". */
  rows: { lookForId: string; prompt: string; a: ModerationAnswer; b: ModerationAnswer }[];
};

type RecordAnswer = { lookForId: string; kind?: string; value: unknown };

const judgement = (f: ModerationLookFor, value: unknown): ModerationAnswer => {
  if (f.answerKind === 'seen') return typeof value === 'boolean' ? value : null;
  return (PREVALENCE_SCALE as readonly unknown[]).includes(value) ? (value as Prevalence) : null;
};

/**
 * A pair of real records as a session reviews them: only the judgements on the session's
 * look-fors, as "Observer A" and "Observer B". Notes, pupil voice, counts, photos, names, room,
 * school and date are dropped: free text could name people, and the rest would identify them.
 */
export function anonymisePair(
  lookFors: readonly ModerationLookFor[],
  a: readonly RecordAnswer[],
  b: readonly RecordAnswer[],
): AnonymisedPair {
  const answerOf = (answers: readonly RecordAnswer[], f: ModerationLookFor) =>
    judgement(f, answers.find((x) => x.lookForId === f.id)?.value);
  return {
    rows: lookFors
      .map((f) => ({ lookForId: f.id, prompt: f.prompt, a: answerOf(a, f), b: answerOf(b, f) }))
      .filter((r) => r.a !== null || r.b !== null),
  };
}

/**
 * An agreed reading is guidance text: it says what pupils do, never how good the teaching or
 * the teacher is, and names nobody. The note checker's findings; none means it may be saved.
 */
export function agreedReadingFindings(
  checker: NeutralLanguageChecker,
  text: string,
): LanguageFinding[] {
  return checker.check(text);
}

export type GuidancePart = 'looksLike' | 'doesNotMean';

/**
 * A new version's look-fors with the agreed readings as their guidance. Each agreed reading is
 * keyed by the look-for's key in the session's version; the new version's look-for that
 * continues that key takes it, so the trend and the guidance stay with the same look-for.
 */
export function withAgreedGuidance<F extends { continues: string | null; guidance: Guidance }>(
  lookFors: readonly F[],
  agreed: ReadonlyMap<string, { text: string; part: GuidancePart }>,
): { lookFors: F[]; applied: number } {
  let applied = 0;
  const out = lookFors.map((f) => {
    const reading = f.continues === null ? undefined : agreed.get(f.continues);
    if (!reading) return f;
    applied += 1;
    return { ...f, guidance: { ...f.guidance, [reading.part]: reading.text } };
  });
  return { lookFors: out, applied };
}
