import {
  requiredTrainingRefusal,
  type TrainingModule,
  type TrainingRule,
} from '../../domain/observers/training.ts';
import type { Tx } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';

/**
 * The required-training rule (issue 15) where an observer is named on a walk: off unless the
 * trust or the school turned it on; then each newly named observer must have completed every
 * training module for the walk's framework version (422 `training_required`, naming the rule,
 * the person and the missing modules).
 */
export async function refuseUntrainedObservers(
  tx: Tx,
  schoolId: string,
  versionId: string | null,
  observerIds: readonly string[],
): Promise<void> {
  if (!versionId || observerIds.length === 0) return;
  const rules = await tx
    .selectFrom('training_rules as r')
    .leftJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'r.trust_id').onRef('s.school_id', '=', 'r.school_id'),
    )
    .select(['r.school_id', 's.name'])
    .where((eb) => eb.or([eb('r.school_id', 'is', null), eb('r.school_id', '=', schoolId)]))
    .execute();
  if (rules.length === 0) return;
  const domainRules: TrainingRule[] = rules.map((r) =>
    r.school_id ? { scope: 'school', schoolName: r.name ?? 'The school' } : { scope: 'trust' },
  );
  const [version, people, done] = await Promise.all([
    tx
      .selectFrom('framework_versions as v')
      .innerJoin('frameworks as f', (j) =>
        j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
      )
      .select(['f.name', 'v.version_no'])
      .where('v.version_id', '=', versionId)
      .executeTakeFirst(),
    tx
      .selectFrom('people')
      .select(['person_id', 'full_name'])
      .where('person_id', 'in', [...observerIds])
      .execute(),
    tx
      .selectFrom('training_completions')
      .select(['person_id', 'module'])
      .where('version_id', '=', versionId)
      .where('person_id', 'in', [...observerIds])
      .execute(),
  ]);
  const versionLabel = version ? `${version.name}, version ${version.version_no}` : 'the framework';
  for (const id of observerIds) {
    const completed = new Set<TrainingModule>(
      done.filter((d) => d.person_id === id).map((d) => d.module),
    );
    const refusal = requiredTrainingRefusal({
      rules: domainRules,
      personName: people.find((p) => p.person_id === id)?.full_name ?? 'This observer',
      frameworkVersionId: versionId,
      versionLabel,
      completed,
    });
    if (refusal) {
      throw new AppError('training_required', refusal.message, {
        rule: refusal.rule,
        ruleLabel: refusal.ruleLabel,
        personId: id,
        frameworkVersionId: versionId,
        missing: refusal.missing,
      });
    }
  }
}
