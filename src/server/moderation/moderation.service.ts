import type {
  AgreedReadingInput,
  ReadingInput,
  SessionDetail,
  SessionInput,
  SessionList,
} from '../../contracts/moderation.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import { agreedReadingFindings, readingsRevealed } from '../../domain/observers/moderation.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import {
  loadSession,
  mayRun,
  requireFacilitator,
  runnableSchools,
  type SessionAccess,
} from './moderation.access.ts';
import { sceneLookForIds, sessionDetail } from './moderation.detail.ts';
import * as q from './moderation.queries.ts';

/**
 * Moderation sessions (issue 15). Observers record the same practice scenes, each on their own;
 * nobody sees another's reading until all are in or the facilitator reveals them, and then only
 * the spread, without names. Paired records from real walks are shown as Observer A and B.
 */

const audit = (tx: Tx, auth: SignedIn, action: string, sessionId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'moderation_session',
    subjectId: sessionId,
  });

const invalid = (field: string, message: string) =>
  new AppError('moderation_invalid', `The session was not set up: ${message}`, [
    { field, message },
  ]);

export function listSessions(deps: AppDeps, auth: SignedIn): Promise<SessionList> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const trustWide = mayRun(auth, null);
    const schools = runnableSchools(auth, await q.schools(tx));
    const canRun = trustWide || schools.length > 0;
    const runs = trustWide ? 'all' : schools.map((s) => s.school_id);
    const [sessions, versions] = await Promise.all([
      q.listSessions(tx, auth.actor.personId, runs),
      canRun ? q.publishedVersions(tx) : Promise.resolve([]),
    ]);
    const scenes = await q.scenesOfVersions(
      tx,
      versions.map((v) => v.version_id),
    );
    const people = canRun
      ? await q.eligiblePeople(tx, trustWide ? null : schools.map((s) => s.school_id))
      : [];
    return {
      sessions: sessions.map((s) => ({
        id: s.session_id,
        title: s.title,
        heldOn: s.held_on,
        schoolName: s.school_name,
        frameworkName: s.framework_name,
        versionNo: s.version_no,
        facilitatorName: s.facilitator_name,
      })),
      canRun,
      trustWide,
      schools: schools.map((s) => ({ id: s.school_id, name: s.name })),
      versions: versions.map((v) => ({
        id: v.version_id,
        frameworkName: v.framework_name,
        versionNo: v.version_no,
        scenes: scenes
          .filter((s) => s.version_id === v.version_id)
          .map((s) => ({ id: s.scene_id, title: s.title })),
      })),
      people: people.map((p) => ({ id: p.person_id, fullName: p.full_name })),
    };
  });
}

export function createSession(deps: AppDeps, auth: SignedIn, input: SessionInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (input.schoolId) {
      const school = (await q.schools(tx)).find((s) => s.school_id === input.schoolId);
      if (!school) throw notFound('The school');
      if (!mayRun(auth, input.schoolId)) forbiddenToRun('in this school');
    } else if (!mayRun(auth, null)) {
      forbiddenToRun('across the trust');
    }
    const version = await q.findVersion(tx, input.versionId);
    if (!version || version.status !== 'published') {
      throw invalid('body.versionId', 'choose a published version of a framework of the trust.');
    }
    const eligible = new Set(
      (await q.eligiblePeople(tx, input.schoolId ? [input.schoolId] : null)).map(
        (p) => p.person_id,
      ),
    );
    const participantIds = [...new Set(input.participantIds)];
    const outsider = participantIds.findIndex((id) => !eligible.has(id));
    if (outsider >= 0) {
      throw invalid(
        `body.participantIds.${outsider}`,
        'every participant must be an observer, teacher or leader where the session is held.',
      );
    }
    const facilitatorId = input.facilitatorId ?? auth.actor.personId;
    if (input.facilitatorId && !eligible.has(facilitatorId)) {
      throw invalid('body.facilitatorId', 'the facilitator must belong where the session is held.');
    }
    const versionScenes = new Set(
      (await q.scenesOfVersions(tx, [input.versionId])).map((s) => s.scene_id),
    );
    const sceneIds = [...new Set(input.sceneIds)];
    if (sceneIds.some((id) => !versionScenes.has(id))) {
      throw invalid('body.sceneIds', 'every scene must be a practice scene of the chosen version.');
    }
    const pairs =
      input.pairCount > 0
        ? await q.recentPairs(tx, input.versionId, input.schoolId, input.pairCount)
        : [];
    if (sceneIds.length === 0 && pairs.length === 0) {
      throw invalid(
        'body.sceneIds',
        input.pairCount > 0
          ? 'no visits under this version were recorded by two observers yet; choose practice scenes instead.'
          : 'choose at least one practice scene, or paired records to review.',
      );
    }
    const { session_id } = await q.insertSession(tx, {
      trustId: auth.actor.trustId,
      schoolId: input.schoolId,
      versionId: input.versionId,
      title: input.title,
      heldOn: input.heldOn,
      facilitatorId,
      createdBy: auth.actor.personId,
      now: deps.now(),
    });
    await q.insertMembers(tx, auth.actor.trustId, session_id, participantIds, sceneIds, pairs);
    await audit(tx, auth, 'moderation.create', session_id);
    return { id: session_id };
  });
}

function forbiddenToRun(where: string): never {
  throw forbidden(`run moderation sessions ${where}`);
}

export function getSession(
  deps: AppDeps,
  auth: SignedIn,
  sessionId: string,
): Promise<SessionDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const access = await loadSession(tx, auth, sessionId);
    return sessionDetail(tx, auth, access);
  });
}

async function sceneRevealed(tx: Tx, access: SessionAccess, sceneId: string) {
  const handedIn = new Set(
    (await q.readings(tx, access.session.session_id))
      .filter((r) => r.scene_id === sceneId)
      .map((r) => r.person_id),
  );
  return readingsRevealed({
    participantIds: access.participants.map((p) => p.person_id),
    handedIn,
    revealed: access.session.revealed_at !== null,
  });
}

/** A participant hands in (or, until the readings are shown, changes) their reading of a scene. */
export function recordReading(
  deps: AppDeps,
  auth: SignedIn,
  sessionId: string,
  sceneId: string,
  input: ReadingInput,
): Promise<SessionDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const access = await loadSession(tx, auth, sessionId);
    if (!access.isParticipant)
      throw forbidden('record in this session: it is for its participants');
    const scene = (await q.sessionScenes(tx, sessionId)).find((s) => s.scene_id === sceneId);
    if (!scene) throw notFound('The scene of this session');
    if (await sceneRevealed(tx, access, sceneId)) {
      throw new AppError(
        'moderation_revealed',
        'The readings of this scene are already shown to the session, so yours can no longer change.',
      );
    }
    const lookFors = await q.versionLookFors(tx, access.session.version_id);
    const ids = sceneLookForIds(scene.reference, lookFors);
    for (const [id, value] of Object.entries(input.answers)) {
      const f = lookFors.find((l) => l.id === id);
      const fits =
        f &&
        ids.includes(id) &&
        (value === null || (f.answerKind === 'seen') === (typeof value === 'boolean'));
      if (!fits) {
        throw new AppError(
          'validation_failed',
          'The reading was not saved: it answers a look-for this scene does not ask, or in the wrong form.',
          [
            {
              field: `body.answers.${id}`,
              message: 'is not a look-for of this scene, or the wrong kind',
            },
          ],
        );
      }
    }
    await q.saveReading(tx, {
      trustId: auth.actor.trustId,
      sessionId,
      sceneId,
      personId: auth.actor.personId,
      answers: input.answers,
      now: deps.now(),
    });
    await audit(tx, auth, 'moderation.reading', sessionId);
    return sessionDetail(tx, auth, access);
  });
}

/** The facilitator shows every scene's readings before everyone has handed in. */
export function revealReadings(deps: AppDeps, auth: SignedIn, sessionId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const access = await loadSession(tx, auth, sessionId);
    requireFacilitator(access, 'reveal the readings of this session');
    if (access.session.revealed_at === null) {
      const now = deps.now();
      await q.updateSession(tx, sessionId, { revealed_at: now });
      access.session.revealed_at = now;
      await audit(tx, auth, 'moderation.reveal', sessionId);
    }
    return sessionDetail(tx, auth, access);
  });
}

/** The facilitator notes a look-for's agreed reading: guidance text, so it judges nobody. */
export function noteAgreedReading(
  deps: AppDeps,
  auth: SignedIn,
  sessionId: string,
  lookForId: string,
  input: AgreedReadingInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const access = await loadSession(tx, auth, sessionId);
    requireFacilitator(access, 'note the agreed readings of this session');
    const lookFor = (await q.versionLookFors(tx, access.session.version_id)).find(
      (f) => f.id === lookForId,
    );
    if (!lookFor) throw notFound('The look-for of this session’s framework version');
    const checker = createChecker({
      staffNames: [...access.participants.map((p) => p.full_name), access.session.facilitator_name],
    });
    const findings = agreedReadingFindings(checker, input.text);
    if (findings.length > 0) {
      const first = findings[0]!;
      throw new AppError(
        'agreed_reading_rejected',
        `The agreed reading was not saved: “${first.text}”: ${first.explanation} ${first.hint} Guidance describes what pupils do; it never rates a teacher or names anyone.`,
        findings.map((f) => ({
          field: 'body.text',
          message: f.explanation,
          text: f.text,
          kind: f.kind,
          hint: f.hint,
        })),
      );
    }
    await q.saveAgreedReading(tx, {
      trustId: auth.actor.trustId,
      sessionId,
      lookForId,
      text: input.text,
      part: input.part,
      personId: auth.actor.personId,
      now: deps.now(),
    });
    await audit(tx, auth, 'moderation.agreed_reading', sessionId);
    return sessionDetail(tx, auth, access);
  });
}
