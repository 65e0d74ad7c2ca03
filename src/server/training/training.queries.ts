import type { Guidance } from '../../domain/frameworks/types.ts';
import type { TrainingModule } from '../../domain/observers/training.ts';
import type { Tx } from '../db/with-tenant.ts';

// Observer training (migration 0035).

export function publishedVersions(tx: Tx) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.trust_id', 'v.version_id', 'v.version_no', 'f.name as framework_name'])
    .where('v.status', '=', 'published')
    .orderBy('f.name')
    .orderBy('v.version_no', 'desc')
    .execute();
}

export function findVersion(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.trust_id', 'v.version_id', 'v.version_no', 'v.status', 'f.name as framework_name'])
    .where('v.version_id', '=', versionId)
    .executeTakeFirst();
}

export function versionLookFors(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_look_fors as l')
    .innerJoin('framework_lenses as n', (j) =>
      j.onRef('n.trust_id', '=', 'l.trust_id').onRef('n.lens_id', '=', 'l.lens_id'),
    )
    .select(['l.look_for_id', 'l.prompt', 'l.answer_kind', 'l.guidance', 'n.name as lens_name'])
    .where('l.version_id', '=', versionId)
    .where('l.audience', '=', 'observer')
    .orderBy('n.position')
    .orderBy('l.position')
    .execute()
    .then((rows) =>
      rows.map((r) => {
        const g = r.guidance as Guidance | null;
        return {
          id: r.look_for_id,
          lensName: r.lens_name,
          prompt: r.prompt,
          answerKind: r.answer_kind,
          looksLike: g?.looksLike?.trim() || null,
          doesNotMean: g?.doesNotMean?.trim() || null,
        };
      }),
    );
}

export function completions(tx: Tx, personId: string, versionIds?: readonly string[]) {
  return tx
    .selectFrom('training_completions')
    .select(['version_id', 'module'])
    .where('person_id', '=', personId)
    .$if(versionIds !== undefined, (qb) => qb.where('version_id', 'in', [...versionIds!, zero]))
    .execute();
}
const zero = '00000000-0000-0000-0000-000000000000';

export function complete(
  tx: Tx,
  v: { trustId: string; personId: string; versionId: string; module: TrainingModule; now: Date },
) {
  return tx
    .insertInto('training_completions')
    .values({
      trust_id: v.trustId,
      person_id: v.personId,
      version_id: v.versionId,
      module: v.module,
      completed_at: v.now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function scenesOf(tx: Tx, versionId?: string) {
  return tx
    .selectFrom('practice_scenes')
    .selectAll()
    .$if(versionId !== undefined, (qb) => qb.where('version_id', '=', versionId!))
    .orderBy('created_at')
    .execute();
}

export function findScene(tx: Tx, sceneId: string) {
  return tx
    .selectFrom('practice_scenes')
    .selectAll()
    .where('scene_id', '=', sceneId)
    .executeTakeFirst();
}

export function passedScenes(tx: Tx, personId: string) {
  return tx
    .selectFrom('practice_attempts')
    .select('scene_id')
    .distinct()
    .where('person_id', '=', personId)
    .where('passed', '=', true)
    .execute()
    .then((rows) => new Set(rows.map((r) => r.scene_id)));
}

export function trainingRules(tx: Tx) {
  return tx
    .selectFrom('training_rules as r')
    .leftJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'r.trust_id').onRef('s.school_id', '=', 'r.school_id'),
    )
    .select(['r.school_id', 's.name as school_name'])
    .execute();
}
