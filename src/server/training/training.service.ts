import type {
  AttemptInput,
  AttemptResult,
  SceneDto,
  SceneInput,
  TrainingOverview,
  TrainingRuleInput,
  TrainingVersion,
} from '../../contracts/observers.ts';
import type { Prevalence } from '../../domain/frameworks/types.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import {
  exerciseFeedback,
  type SceneAnswer,
  type SceneLookFor,
  sceneDifferences,
  scenePassed,
  TRAINING_MODULES,
  type TrainingModule,
  trainingRuleLabel,
} from '../../domain/observers/training.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { decide } from '../policy/policy.ts';
import { EXERCISE_SCENE } from './exercise.ts';
import * as q from './training.queries.ts';

/**
 * Observer training per framework version (issue 15). A person's results are theirs alone:
 * nobody else reads another's attempts or completions here.
 */

const trustWhere = (auth: SignedIn) => ({ trustId: auth.actor.trustId, schoolId: null });

function mayRead(auth: SignedIn) {
  // Everyone in the trust reads the framework, and so may train on it.
  const mine = auth.actor.memberships.map((m) => m.schoolId);
  return mine.some(
    (schoolId) =>
      decide(auth.actor, 'framework.view', { trustId: auth.actor.trustId, schoolId }) === 'allow',
  );
}

async function loadVersion(tx: Tx, auth: SignedIn, versionId: string) {
  const version = await q.findVersion(tx, versionId);
  if (!version || version.status !== 'published' || !mayRead(auth)) {
    throw notFound('The framework version');
  }
  return version;
}

async function completedFor(tx: Tx, personId: string, versionId: string) {
  const rows = await q.completions(tx, personId, [versionId]);
  return TRAINING_MODULES.filter((m) => rows.some((r) => r.module === m));
}

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

export function trainingOverview(deps: AppDeps, auth: SignedIn): Promise<TrainingOverview> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const [versions, done, scenes, rules] = await Promise.all([
      q.publishedVersions(tx),
      q.completions(tx, auth.actor.personId),
      q.scenesOf(tx),
      q.trainingRules(tx),
    ]);
    return {
      versions: versions.map((v) => ({
        versionId: v.version_id,
        frameworkName: v.framework_name,
        versionNo: v.version_no,
        completed: TRAINING_MODULES.filter((m) =>
          done.some((d) => d.version_id === v.version_id && d.module === m),
        ),
        sceneCount: scenes.filter((s) => s.version_id === v.version_id).length,
      })),
      rules: rules.map((r) => ({
        schoolId: r.school_id,
        label: trainingRuleLabel(
          r.school_id ? { scope: 'school', schoolName: r.school_name ?? '' } : { scope: 'trust' },
        ),
      })),
    };
  });
}

export function trainingVersion(
  deps: AppDeps,
  auth: SignedIn,
  versionId: string,
): Promise<TrainingVersion> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const version = await loadVersion(tx, auth, versionId);
    const [lookFors, scenes, passed, completed] = await Promise.all([
      q.versionLookFors(tx, versionId),
      q.scenesOf(tx, versionId),
      q.passedScenes(tx, auth.actor.personId),
      completedFor(tx, auth.actor.personId, versionId),
    ]);
    return {
      versionId,
      frameworkName: version.framework_name,
      versionNo: version.version_no,
      lookFors,
      exerciseScene: EXERCISE_SCENE,
      scenes: scenes.map((s) => ({
        id: s.scene_id,
        title: s.title,
        passed: passed.has(s.scene_id),
      })),
      completed,
      canAuthor: decide(auth.actor, 'framework.edit', trustWhere(auth)) === 'allow',
    };
  });
}

async function finish(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  versionId: string,
  module: TrainingModule,
) {
  await q.complete(tx, {
    trustId: auth.actor.trustId,
    personId: auth.actor.personId,
    versionId,
    module,
    now: deps.now(),
  });
  await audit(tx, auth, `training.complete_${module}`, 'framework_version', versionId);
}

/** The person has read every look-for's guidance (the page shows it all; they confirm). */
export function readGuidance(deps: AppDeps, auth: SignedIn, versionId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await loadVersion(tx, auth, versionId);
    await finish(tx, deps, auth, versionId, 'guidance');
    // A version without practice scenes has nothing to practise: that module is done with this.
    if ((await q.scenesOf(tx, versionId)).length === 0) {
      await finish(tx, deps, auth, versionId, 'practice_scenes');
    }
    return { completed: await completedFor(tx, auth.actor.personId, versionId) };
  });
}

/** The neutral-language exercise: the note checker's feedback; passing completes the module. */
export function tryExercise(deps: AppDeps, auth: SignedIn, versionId: string, text: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await loadVersion(tx, auth, versionId);
    const checker = createChecker({ staffNames: ['Ms Rahman'] });
    const result = exerciseFeedback(checker, text);
    if (result.passed) await finish(tx, deps, auth, versionId, 'neutral_language');
    return {
      passed: result.passed,
      findings: result.findings.map((f) => ({
        start: f.start,
        end: f.end,
        text: f.text,
        kind: f.kind,
        explanation: f.explanation,
        hint: f.hint,
      })),
      completed: await completedFor(tx, auth.actor.personId, versionId),
    };
  });
}

const sceneLookFors = (lookFors: Awaited<ReturnType<typeof q.versionLookFors>>) =>
  lookFors.filter(
    (f): f is typeof f & { answerKind: 'seen' | 'prevalence' } =>
      f.answerKind === 'seen' || f.answerKind === 'prevalence',
  );

/** A trust's practice scene with its agreed reference record (framework owners). */
export function createScene(deps: AppDeps, auth: SignedIn, input: SceneInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (decide(auth.actor, 'framework.edit', trustWhere(auth)) !== 'allow') {
      throw forbidden('write practice scenes');
    }
    await loadVersion(tx, auth, input.versionId);
    const lookFors = sceneLookFors(await q.versionLookFors(tx, input.versionId));
    const problems: { field: string; message: string }[] = [];
    for (const [id, value] of Object.entries(input.reference)) {
      const f = lookFors.find((l) => l.id === id);
      if (!f) {
        problems.push({
          field: `body.reference.${id}`,
          message: 'is not a seen or prevalence look-for of this version',
        });
      } else if ((f.answerKind === 'seen') !== (typeof value === 'boolean')) {
        problems.push({ field: `body.reference.${id}`, message: `takes a ${f.answerKind} answer` });
      }
    }
    if (Object.keys(input.reference).length === 0) {
      problems.push({
        field: 'body.reference',
        message: 'give the agreed answer to at least one look-for',
      });
    }
    if (problems.length) {
      throw new AppError(
        'validation_failed',
        `The scene was not saved: its reference record ${problems[0]!.message}.`,
        problems,
      );
    }
    const row = await tx
      .insertInto('practice_scenes')
      .values({
        trust_id: auth.actor.trustId,
        version_id: input.versionId,
        title: input.title,
        scene: input.scene,
        reference: JSON.stringify(input.reference),
        reasons: JSON.stringify(input.reasons),
        created_by: auth.actor.personId,
        created_at: deps.now(),
      })
      .returning('scene_id')
      .executeTakeFirstOrThrow();
    await audit(tx, auth, 'training.scene_create', 'practice_scene', row.scene_id);
    return { id: row.scene_id };
  });
}

/** A scene to record as on a walk: the reference stays hidden until the trainee has answered. */
export function getScene(deps: AppDeps, auth: SignedIn, sceneId: string): Promise<SceneDto> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const scene = await q.findScene(tx, sceneId);
    if (!scene) throw notFound('The practice scene');
    await loadVersion(tx, auth, scene.version_id);
    const reference = scene.reference as Record<string, unknown>;
    const lookFors = sceneLookFors(await q.versionLookFors(tx, scene.version_id)).filter(
      (f) => reference[f.id] !== undefined,
    );
    return {
      id: scene.scene_id,
      versionId: scene.version_id,
      title: scene.title,
      scene: scene.scene,
      lookFors,
    };
  });
}

/** The trainee's record of a scene beside the reference, and why; all scenes passed completes the module. */
export function attemptScene(
  deps: AppDeps,
  auth: SignedIn,
  sceneId: string,
  input: AttemptInput,
): Promise<AttemptResult> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const scene = await q.findScene(tx, sceneId);
    if (!scene) throw notFound('The practice scene');
    await loadVersion(tx, auth, scene.version_id);
    const lookFors: SceneLookFor[] = sceneLookFors(await q.versionLookFors(tx, scene.version_id));
    const differences = sceneDifferences(
      lookFors,
      scene.reference as Record<string, SceneAnswer>,
      scene.reasons as Record<string, string>,
      input.answers as Record<string, boolean | Prevalence | null>,
    );
    const passed = scenePassed(differences);
    await tx
      .insertInto('practice_attempts')
      .values({
        trust_id: auth.actor.trustId,
        scene_id: sceneId,
        person_id: auth.actor.personId,
        answers: JSON.stringify(input.answers),
        passed,
        created_at: deps.now(),
      })
      .execute();
    if (passed) {
      const [all, done] = await Promise.all([
        q.scenesOf(tx, scene.version_id),
        q.passedScenes(tx, auth.actor.personId),
      ]);
      if (all.every((s) => done.has(s.scene_id))) {
        await finish(tx, deps, auth, scene.version_id, 'practice_scenes');
      }
    }
    return {
      passed,
      differences,
      completed: await completedFor(tx, auth.actor.personId, scene.version_id),
    };
  });
}

/** Turns the required-training rule on or off, for the trust (trust admins) or a school (its leaders). */
export function setTrainingRule(deps: AppDeps, auth: SignedIn, input: TrainingRuleInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (input.schoolId) {
      await authorisedSchool(tx, auth, input.schoolId, 'training.require', 'require training here');
    } else if (decide(auth.actor, 'training.require', trustWhere(auth)) !== 'allow') {
      throw forbidden('require training across the trust');
    }
    await tx
      .deleteFrom('training_rules')
      .where((eb) =>
        input.schoolId ? eb('school_id', '=', input.schoolId) : eb('school_id', 'is', null),
      )
      .execute();
    if (input.required) {
      await tx
        .insertInto('training_rules')
        .values({
          trust_id: auth.actor.trustId,
          school_id: input.schoolId,
          set_by: auth.actor.personId,
          set_at: deps.now(),
        })
        .execute();
    }
    await audit(
      tx,
      auth,
      input.required ? 'training.require' : 'training.not_required',
      input.schoolId ? 'school' : 'trust',
      input.schoolId ?? auth.actor.trustId,
    );
    return { required: input.required };
  });
}
