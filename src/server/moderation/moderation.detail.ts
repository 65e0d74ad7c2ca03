import type { SessionDetail } from '../../contracts/moderation.ts';
import { DEFAULT_K } from '../../domain/insights/evidence.ts';
import { agreementFigure, answerPairOf } from '../../domain/observers/agreement.ts';
import type { AnswerPair } from '../../domain/observers/kappa.ts';
import {
  anonymisePair,
  type ModerationAnswer,
  type ModerationLookFor,
  readingsRevealed,
  sceneSpread,
} from '../../domain/observers/moderation.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { SignedIn } from '../http/context.ts';
import { mayMakeGuidance, type SessionAccess } from './moderation.access.ts';
import * as q from './moderation.queries.ts';

/** A scene's look-fors: those of the version its reference record answers. */
export const sceneLookForIds = (reference: unknown, lookFors: readonly ModerationLookFor[]) => {
  const ref = (reference ?? {}) as Record<string, unknown>;
  return lookFors.filter((f) => ref[f.id] !== undefined && ref[f.id] !== null).map((f) => f.id);
};

/**
 * The session as the viewer may see it: their own readings; each scene's spread once revealed
 * (no names; hidden under k readings); the paired records as Observer A and B; agreed readings.
 */
export async function sessionDetail(
  tx: Tx,
  auth: SignedIn,
  access: SessionAccess,
): Promise<SessionDetail> {
  const { session, participants } = access;
  const me = auth.actor.personId;
  const [version, lookFors, scenes, readings, pairs, agreed, storedK] = await Promise.all([
    q.findVersion(tx, session.version_id),
    q.versionLookFors(tx, session.version_id),
    q.sessionScenes(tx, session.session_id),
    q.readings(tx, session.session_id),
    q.sessionPairs(tx, session.session_id),
    q.agreedReadings(tx, session.session_id),
    q.minGroupSize(tx, session.school_id),
  ]);
  const k = Math.max(storedK ?? DEFAULT_K, DEFAULT_K);
  const participantIds = participants.map((p) => p.person_id);
  const revealedByFacilitator = session.revealed_at !== null;

  const pairAnswers = new Map<string, { pair: AnswerPair; teacher: string }[]>();
  for (const p of pairs) {
    for (const f of lookFors) {
      const pair = answerPairOf(p.a_body?.answers ?? [], p.b_body?.answers ?? [], f);
      if (!pair) continue;
      pairAnswers.set(f.id, [...(pairAnswers.get(f.id) ?? []), { pair, teacher: p.teacher_id }]);
    }
  }

  return {
    id: session.session_id,
    title: session.title,
    heldOn: session.held_on,
    schoolName: session.school_name,
    frameworkId: version!.framework_id,
    frameworkName: version!.framework_name,
    versionNo: version!.version_no,
    facilitatorName: session.facilitator_name,
    participantNames: participants.map((p) => p.full_name),
    k,
    isParticipant: access.isParticipant,
    canFacilitate: access.canFacilitate,
    canMakeGuidance: mayMakeGuidance(auth, access),
    revealed: revealedByFacilitator,
    guidanceVersion:
      session.g_no === null
        ? null
        : { frameworkId: version!.framework_id, versionNo: session.g_no },
    lookFors: lookFors.map((f) => {
      const a = agreed.find((r) => r.look_for_id === f.id);
      return {
        id: f.id,
        prompt: f.prompt,
        answerKind: f.answerKind,
        looksLike: f.looksLike,
        doesNotMean: f.doesNotMean,
        agreed: a ? { text: a.text, part: a.part } : null,
      };
    }),
    scenes: scenes.map((s) => {
      const ids = sceneLookForIds(s.reference, lookFors);
      const of = readings
        .filter((r) => r.scene_id === s.scene_id && participantIds.includes(r.person_id))
        .map((r) => ({
          personId: r.person_id,
          answers: r.answers as Record<string, ModerationAnswer>,
        }));
      const revealed = readingsRevealed({
        participantIds,
        handedIn: new Set(of.map((r) => r.personId)),
        revealed: revealedByFacilitator,
      });
      const sceneLookFors = lookFors.filter((f) => ids.includes(f.id));
      return {
        id: s.scene_id,
        title: s.title,
        scene: s.scene,
        lookForIds: ids,
        handedIn: of.length,
        participants: participantIds.length,
        mine: of.find((r) => r.personId === me)?.answers ?? null,
        spread: revealed ? sceneSpread(sceneLookFors, of, me, k) : null,
      };
    }),
    pairs: pairs.map((p, i) => ({
      label: `Paired record ${i + 1}`,
      ...anonymisePair(lookFors, p.a_body?.answers ?? [], p.b_body?.answers ?? []),
    })),
    pairFigures: lookFors
      .filter((f) => pairAnswers.has(f.id))
      .map((f) => ({ lookForId: f.id, figure: agreementFigure(pairAnswers.get(f.id)!, k) })),
  };
}
