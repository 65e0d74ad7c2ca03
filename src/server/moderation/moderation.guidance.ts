import type { FrameworkBody } from '../../contracts/frameworks.ts';
import { withAgreedGuidance } from '../../domain/observers/moderation.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import { saveDraftIn, startNewVersionIn } from '../frameworks/frameworks.service.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { loadSession, mayMakeGuidance } from './moderation.access.ts';
import * as q from './moderation.queries.ts';

/**
 * Agreed readings become guidance (issue 15): a new draft version of the framework, made by the
 * frameworks service's own "start a new version" (every look-for continues itself, so trends
 * carry on) and saved through its own draft check, with each agreed reading as the guidance of
 * the look-for that continues the one the session read. The draft is then the owners' to publish.
 */
export function makeGuidance(deps: AppDeps, auth: SignedIn, sessionId: string) {
  // One transaction: a refused save leaves no stray draft behind to block the next attempt.
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const access = await loadSession(tx, auth, sessionId);
    if (!mayMakeGuidance(auth, access)) {
      throw forbidden('turn agreed readings into framework guidance');
    }
    const [version, lookFors, agreed] = await Promise.all([
      q.findVersion(tx, access.session.version_id),
      q.versionLookFors(tx, access.session.version_id),
      q.agreedReadings(tx, sessionId),
    ]);
    if (agreed.length === 0) {
      throw new AppError(
        'moderation_nothing_agreed',
        'Note at least one agreed reading first: it becomes the look-for’s guidance.',
      );
    }
    const latest = await q.latestPublishedNo(tx, version!.framework_id);
    if (latest !== version!.version_no) {
      throw new AppError(
        'moderation_superseded',
        `${version!.framework_name} has a newer version (${latest}) than this session’s (${version!.version_no}). Copy the agreed readings into that version’s draft by hand.`,
      );
    }
    const byKey = new Map(
      agreed.map((a) => [
        lookFors.find((f) => f.id === a.look_for_id)!.key,
        { text: a.text, part: a.part },
      ]),
    );
    const plan = { frameworkId: version!.framework_id, byKey };

    // The one versioning path: the frameworks service starts the draft and checks what is saved.
    const draft = await startNewVersionIn(tx, auth, plan.frameworkId);
    let applied = 0;
    const body: FrameworkBody = {
      name: draft.body.name,
      description: draft.body.description,
      lenses: draft.body.lenses.map(({ id: _id, lookFors, ...lens }) => {
        const withIds = withAgreedGuidance(lookFors, plan.byKey);
        applied += withIds.applied;
        return { ...lens, lookFors: withIds.lookFors.map(({ id: _fid, ...f }) => f) };
      }),
    };
    const saved = await saveDraftIn(tx, deps, auth, plan.frameworkId, body);
    await q.updateSession(tx, sessionId, { guidance_version_id: saved.version.id });
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'moderation.make_guidance',
      subjectType: 'moderation_session',
      subjectId: sessionId,
    });
    return { frameworkId: plan.frameworkId, versionNo: saved.version.versionNo, applied };
  });
}
