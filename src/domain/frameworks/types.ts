/**
 * A trust's shared framework, as plain data: lenses, each with look-fors (short evidence
 * prompts about pupils and learning) and the kind of answer an observer gives.
 */

export const answerKinds = ['prevalence', 'seen', 'count', 'note'] as const;
export type AnswerKind = (typeof answerKinds)[number];

export const answerKindLabels: Record<AnswerKind, string> = {
  prevalence: 'Prevalence (not seen / some pupils / most pupils / all pupils)',
  seen: 'Seen / not seen',
  count: 'Count',
  note: 'Note',
};

/** A prevalence answer describes what pupils were doing — never a grade of the teacher. */
export const prevalenceLevels = ['not_seen', 'some', 'most', 'all'] as const;
export type Prevalence = (typeof prevalenceLevels)[number];

export const prevalenceLabels: Record<Prevalence, string> = {
  not_seen: 'Not seen',
  some: 'Some pupils',
  most: 'Most pupils',
  all: 'All pupils',
};

/** Who the prompt is for: the observer notices it, or the observer asks pupils (student voice). */
export const audiences = ['observer', 'pupils'] as const;
export type Audience = (typeof audiences)[number];

export const frameworkKinds = ['learning', 'student_voice', 'health_and_safety'] as const;
export type FrameworkKind = (typeof frameworkKinds)[number];

export const frameworkKindLabels: Record<FrameworkKind, string> = {
  learning: 'Teaching and learning',
  student_voice: 'Student voice',
  health_and_safety: 'Health and safety',
};

export type Guidance = {
  /** What this looks like when it is happening. */
  looksLike?: string | undefined;
  /** What it does not mean: guards against reading it as a judgement. */
  doesNotMean?: string | undefined;
};

export type LookFor = {
  /** Stable within a version; kebab-case. */
  key: string;
  prompt: string;
  answerKind: AnswerKind;
  audience: Audience;
  guidance: Guidance;
  /** The key of the look-for in the previous version that this one continues, or null if new. */
  continues: string | null;
};

export type Lens = {
  key: string;
  name: string;
  description: string;
  lookFors: LookFor[];
};

export type FrameworkContent = {
  name: string;
  kind: FrameworkKind;
  description: string;
  lenses: Lens[];
};

export type VersionStatus = 'draft' | 'published';

/** One problem found in a framework, focus or prompt. */
export type Violation = {
  code: string;
  message: string;
  /** Where it is, e.g. "lenses[0].lookFors[2].prompt". */
  path: string;
  /** The prompt (or text) it is about, when there is one. */
  prompt?: string;
  /** The rule of the check that matched, and the phrase that matched it. */
  rule?: string;
  phrase?: string;
  /** A suggested rewrite about what pupils do. */
  suggestion?: string;
};

export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Makes a key from a name: "Pupil engagement & participation" → "pupil-engagement-participation". */
export function keyFromName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/g, '') || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}
