import type { TrainingProgress } from '../../contracts/observers.ts';
import { DEFAULT_K } from '../../domain/insights/evidence.ts';
import { type SchoolObservers, versionProgress } from '../../domain/observers/training-progress.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { loadSettingsRow } from '../kernel/school-rules.ts';
import { decide } from '../policy/policy.ts';
import * as p from './progress.queries.ts';
import * as q from './training.queries.ts';

/**
 * Training progress for leaders (issue 15): per framework version and module, how many of each
 * school's observers have completed it, hidden under the school's minimum group size; the
 * trust's row for trust leaders and admins. Never a list of people: who still has to train is
 * named only where it matters, when the required-training rule refuses to add them.
 */

/** Each school the actor may see, with its observers and its k. */
export async function schoolObservers(tx: Tx, schoolIds: readonly string[]) {
  const rows = await p.observersBySchool(tx, schoolIds);
  const out: SchoolObservers[] = [];
  for (const schoolId of schoolIds) {
    const settings = await loadSettingsRow(tx, schoolId);
    out.push({
      schoolId,
      k: settings.minGroupSize,
      observerIds: rows.filter((r) => r.school_id === schoolId).map((r) => r.person_id),
    });
  }
  return out;
}

export function trainingProgress(deps: AppDeps, auth: SignedIn): Promise<TrainingProgress> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const trustId = auth.actor.trustId;
    const trustWide =
      decide(auth.actor, 'training.view_progress', { trustId, schoolId: null }) === 'allow';
    const all = await p.schools(tx);
    const visible = all.filter(
      (s) =>
        decide(auth.actor, 'training.view_progress', { trustId, schoolId: s.school_id }) ===
        'allow',
    );
    if (visible.length === 0) throw forbidden('see observers’ training progress');
    const groups = await schoolObservers(
      tx,
      visible.map((s) => s.school_id),
    );
    const [versions, completions] = await Promise.all([
      q.publishedVersions(tx),
      p.completionsOf(tx, [...new Set(groups.flatMap((g) => g.observerIds))]),
    ]);
    const trustK = trustWide ? Math.max(DEFAULT_K, ...groups.map((g) => g.k)) : null;
    const names = new Map(all.map((s) => [s.school_id, s.name]));
    await recordAudit(tx, {
      trustId,
      actorPersonId: auth.actor.personId,
      action: 'training.view_progress',
      subjectType: trustWide ? 'trust' : 'school',
      subjectId: trustWide ? trustId : visible[0]!.school_id,
    });
    return {
      versions: versions.map((v) => {
        const progress = versionProgress(groups, completions, v.version_id, trustK);
        return {
          versionId: v.version_id,
          frameworkName: v.framework_name,
          versionNo: v.version_no,
          schools: progress.schools.map((row, i) => ({
            ...row,
            schoolName: names.get(row.schoolId) ?? '',
            k: groups[i]!.k,
          })),
          trust: progress.trust && trustK !== null ? { ...progress.trust, k: trustK } : null,
        };
      }),
    };
  });
}
