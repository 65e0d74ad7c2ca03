import { agreementFigure } from '../../domain/observers/agreement.ts';
import {
  figureState,
  flagChanges,
  flagKey,
  frameworkOwnerIds,
} from '../../domain/observers/agreement-flags.ts';
import { LOW_AGREEMENT } from '../../domain/observers/kappa.ts';
import { withTenant } from '../db/with-tenant.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import * as q from './calibration.queries.ts';
import { trustPairs } from './calibration.service.ts';

/**
 * Look-fors whose agreement is low are flagged to the framework's owners as needing clearer
 * guidance (issue 15): the figure the agreement page shows, under the same rule
 * (domain/observers/kappa.ts). One notice and mail per owner, once per look-for (a look-for
 * belongs to one framework version), until the figure is clear again (`agreement_flags`).
 * Idempotent: run it as often as you like; the records service runs it when a hand-in completes
 * a pair.
 */
export async function flagLowAgreement(deps: MailDeps, trustIds?: readonly string[]) {
  let flagged = 0;
  for (const trustId of trustIds ?? (await allTrustIds(deps.db))) {
    flagged += await withTenantMail(deps, trustId, async (tx, mail) => {
      const { trustK, lookFors, byLookFor } = await trustPairs(tx);
      const figures = lookFors
        .filter((f) => byLookFor.has(f.look_for_id))
        .map((f) => ({ f, figure: agreementFigure(byLookFor.get(f.look_for_id)!, trustK) }));
      const open = new Set((await q.openFlags(tx)).map((r) => flagKey(r.look_for_id)));
      const { raise, clear } = flagChanges(
        figures.map(({ f, figure }) => ({ lookForId: f.look_for_id, state: figureState(figure) })),
        open,
      );
      const now = deps.now();
      await q.clearFlags(tx, clear, now);
      if (raise.length === 0) return 0;
      const roles = await q.trustRoles(tx);
      let n = 0;
      for (const id of raise) {
        const { f, figure } = figures.find((x) => x.f.look_for_id === id)!;
        const kappa = (figure.weighted ?? figure.seen)?.kappa ?? null;
        const claimed = await q.claimFlag(tx, {
          trust_id: trustId,
          look_for_id: id,
          version_id: f.version_id,
          pairs: figure.n,
          kappa,
          flagged_at: now,
        });
        if (!claimed) continue;
        n += 1;
        const owners = frameworkOwnerIds(f.framework_author, roles);
        const where = `${f.framework_name}, version ${f.version_no}`;
        const subject = `Look-for needs clearer guidance: “${f.prompt}”`;
        const body = `Observers who recorded the same rooms often read “${f.prompt}” (${where}) differently: kappa ${kappa?.toFixed(2)} over ${figure.n} pairs of records, under the ${LOW_AGREEMENT} the trust aims for. Clearer guidance (what it looks like, what it does not mean) or a moderation session usually helps. This is about the guidance, not about any observer or teacher.`;
        for (const personId of owners) {
          const p = roles.find((r) => r.personId === personId)!;
          await mail({
            kind: 'agreement_low',
            personId,
            email: p.email,
            schoolId: null,
            subject,
            noticeBody: body,
            link: '/agreement',
            lines: [
              `Hello ${p.full_name},`,
              '',
              body,
              '',
              `See the agreement figures: ${deps.config.publicUrl}/agreement`,
              `Edit the guidance in a new version: ${deps.config.publicUrl}/frameworks/${f.framework_id}/versions/${f.version_no}`,
            ],
          });
        }
      }
      return n;
    });
  }
  return flagged;
}

/** After a hand-in: only a hand-in that completes a pair can change a look-for's agreement. */
export async function flagLowAgreementAfterHandIn(deps: MailDeps, trustId: string, walkId: string) {
  const paired = await withTenant(deps.db, trustId, (tx) => q.walkHasPair(tx, walkId));
  return paired ? flagLowAgreement(deps, [trustId]) : 0;
}
