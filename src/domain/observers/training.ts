import { type Prevalence, prevalenceLabels } from '../frameworks/types.ts';
import type { LanguageFinding, NeutralLanguageChecker } from '../neutral-language/checker.ts';

/**
 * Observer training, per framework version (issue 15). Three modules: reading each look-for's
 * guidance ("what it looks like", "what it does not mean"), the neutral-language exercise, and
 * recording the trust's practice scenes. Results describe how a person records, never a
 * teacher; they are the person's own, and aggregate elsewhere.
 */

export const TRAINING_MODULES = ['guidance', 'neutral_language', 'practice_scenes'] as const;
export type TrainingModule = (typeof TRAINING_MODULES)[number];

export const trainingModuleLabels: Record<TrainingModule, string> = {
  guidance: 'Look-for guidance',
  neutral_language: 'Neutral-language exercise',
  practice_scenes: 'Practice scenes',
};

/** Where a "training required" rule was set: for the whole trust, or for one school. */
export type TrainingRule = { scope: 'trust' } | { scope: 'school'; schoolName: string };

export function trainingRuleLabel(rule: TrainingRule): string {
  return rule.scope === 'trust'
    ? 'the trust requires observer training before anyone observes'
    : `${rule.schoolName} requires observer training before anyone observes`;
}

export type TrainingRefusal = {
  rule: TrainingRule;
  ruleLabel: string;
  frameworkVersionId: string;
  missing: TrainingModule[];
  message: string;
};

/**
 * The required-training rule: off unless the trust or the school turned it on (the trust's rule
 * is named first when both are). When on, an observer must have completed every module for the
 * walk's framework version; what is missing is named so they know what to do.
 */
export function requiredTrainingRefusal(input: {
  rules: readonly TrainingRule[];
  personName: string;
  frameworkVersionId: string;
  versionLabel: string;
  completed: ReadonlySet<TrainingModule>;
}): TrainingRefusal | null {
  const rule = input.rules.find((r) => r.scope === 'trust') ?? input.rules[0];
  if (!rule) return null;
  const missing = TRAINING_MODULES.filter((m) => !input.completed.has(m));
  if (missing.length === 0) return null;
  const ruleLabel = trainingRuleLabel(rule);
  const names = missing.map((m) => trainingModuleLabels[m].toLowerCase());
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return {
    rule,
    ruleLabel,
    frameworkVersionId: input.frameworkVersionId,
    missing,
    message: `Observer training: ${ruleLabel}. ${input.personName} has not yet completed the ${list} for ${input.versionLabel}. They can do it under Training; then add them as an observer.`,
  };
}

/** The neutral-language exercise: the checker's findings on the trainee's notes, and whether it passes. */
export function exerciseFeedback(
  checker: NeutralLanguageChecker,
  text: string,
): { passed: boolean; findings: LanguageFinding[] } {
  const findings = checker.check(text);
  return { passed: text.trim().length >= 20 && findings.length === 0, findings };
}

// Practice scenes: the trainee's record beside the trust's agreed reference.

export type SceneLookFor = {
  id: string;
  prompt: string;
  answerKind: 'seen' | 'prevalence';
  looksLike: string | null;
  doesNotMean: string | null;
};

export type SceneAnswer = boolean | Prevalence | null;

export type SceneDifference = {
  lookForId: string;
  prompt: string;
  reference: SceneAnswer;
  yours: SceneAnswer;
  /** same: as the reference; near: one step along the prevalence scale; differs: otherwise. */
  outcome: 'same' | 'near' | 'differs' | 'not_answered';
  /** Why the reference reads the scene as it does, from the scene's author, then the guidance. */
  why: string | null;
};

const SCALE: readonly Prevalence[] = ['not_seen', 'some', 'most', 'all'];

export function answerLabel(answer: SceneAnswer): string {
  if (answer === null) return 'not answered';
  if (typeof answer === 'boolean') return answer ? 'seen' : 'not seen';
  return prevalenceLabels[answer];
}

/** Compares a trainee's answers with the reference record, look-for by look-for. */
export function sceneDifferences(
  lookFors: readonly SceneLookFor[],
  reference: Readonly<Record<string, SceneAnswer>>,
  reasons: Readonly<Record<string, string>>,
  yours: Readonly<Record<string, SceneAnswer>>,
): SceneDifference[] {
  return lookFors
    .filter((f) => reference[f.id] !== undefined && reference[f.id] !== null)
    .map((f) => {
      const ref = reference[f.id] ?? null;
      const mine = yours[f.id] ?? null;
      let outcome: SceneDifference['outcome'];
      if (mine === null) outcome = 'not_answered';
      else if (mine === ref) outcome = 'same';
      else if (
        typeof mine === 'string' &&
        typeof ref === 'string' &&
        Math.abs(SCALE.indexOf(mine) - SCALE.indexOf(ref)) === 1
      ) {
        outcome = 'near';
      } else outcome = 'differs';
      const guidance = [
        f.looksLike ? `What it looks like: ${f.looksLike}` : null,
        f.doesNotMean ? `What it does not mean: ${f.doesNotMean}` : null,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        lookForId: f.id,
        prompt: f.prompt,
        reference: ref,
        yours: mine,
        outcome,
        why: reasons[f.id]?.trim() || guidance || null,
      };
    });
}

/** A scene counts as done when every look-for of the reference is the same or one step away. */
export function scenePassed(differences: readonly SceneDifference[]): boolean {
  return differences.every((d) => d.outcome === 'same' || d.outcome === 'near');
}
