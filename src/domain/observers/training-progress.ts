import { TRAINING_MODULES, type TrainingModule } from './training.ts';

/**
 * How many observers have completed each training module of a framework version, per school
 * (issue 15): counts and shares for leaders, never a list of people. A school's figures rest on
 * its observers and are hidden when there are 1 … k−1 of them, like every other breakdown; the
 * trust's row is hidden too when the hidden schools' observers, taken together, are 1 … k−1
 * (or it would give them away as the total minus the rest).
 */

export type ProgressModule = TrainingModule | 'all';
export const PROGRESS_MODULES: readonly ProgressModule[] = [...TRAINING_MODULES, 'all'];

export type ProgressCell = {
  module: ProgressModule;
  completed: number | null;
  share: number | null;
};
export type ProgressRow = { observers: number; suppressed: boolean; modules: ProgressCell[] };

export type Completion = { personId: string; versionId: string; module: TrainingModule };

const hidden = (n: number, k: number) => n > 0 && n < k;

/** One group's row for one version: how many of `observerIds` completed each module. */
export function progressRow(
  observerIds: readonly string[],
  completions: readonly Completion[],
  versionId: string,
  k: number,
): ProgressRow {
  const people = new Set(observerIds);
  const observers = people.size;
  const suppressed = hidden(observers, k);
  const done = new Map<string, Set<TrainingModule>>();
  for (const c of completions) {
    if (c.versionId !== versionId || !people.has(c.personId)) continue;
    const set = done.get(c.personId) ?? new Set();
    set.add(c.module);
    done.set(c.personId, set);
  }
  const modules = PROGRESS_MODULES.map((module) => {
    if (suppressed) return { module, completed: null, share: null };
    const completed = [...done.values()].filter((s) =>
      module === 'all' ? TRAINING_MODULES.every((m) => s.has(m)) : s.has(module),
    ).length;
    return { module, completed, share: observers > 0 ? completed / observers : null };
  });
  return { observers, suppressed, modules };
}

export type SchoolObservers = { schoolId: string; k: number; observerIds: readonly string[] };

/** Per school, and (when `trustK` is given) for the trust across them, for one version. */
export function versionProgress(
  schools: readonly SchoolObservers[],
  completions: readonly Completion[],
  versionId: string,
  trustK: number | null,
): { schools: (ProgressRow & { schoolId: string })[]; trust: ProgressRow | null } {
  const rows = schools.map((s) => ({
    schoolId: s.schoolId,
    ...progressRow(s.observerIds, completions, versionId, s.k),
  }));
  if (trustK === null) return { schools: rows, trust: null };
  const all = [...new Set(schools.flatMap((s) => s.observerIds))];
  const inHidden = new Set(
    schools.filter((s, i) => rows[i]!.suppressed).flatMap((s) => s.observerIds),
  ).size;
  const trust = progressRow(all, completions, versionId, trustK);
  if (!trust.suppressed && hidden(inHidden, trustK)) {
    return {
      schools: rows,
      trust: {
        ...trust,
        suppressed: true,
        modules: trust.modules.map((m) => ({ ...m, completed: null, share: null })),
      },
    };
  }
  return { schools: rows, trust };
}
