import type { Prevalence } from '../frameworks/types.ts';
import type { EvidenceAnswer, Visit } from './evidence.ts';

/** Test data only: a visit with sensible defaults. */
export function visit(
  overrides: Partial<Visit> & { answers?: readonly EvidenceAnswer[] } = {},
): Visit {
  counter += 1;
  return {
    visitId: `v${counter}`,
    schoolId: 'north',
    walkId: 'w1',
    date: '2026-11-16',
    teacherKey: `t${counter}`,
    departmentId: 'maths',
    yearGroupId: 'y7',
    weekday: 1,
    periodOrdinal: 1,
    frameworkVersionId: 'fv1',
    answers: [],
    notes: [],
    studentVoice: [],
    ...overrides,
  };
}
let counter = 0;

export const prev = (lookForId: string, value: Prevalence): EvidenceAnswer => ({
  lookForId,
  kind: 'prevalence',
  value,
});

export const seen = (lookForId: string, value: boolean): EvidenceAnswer => ({
  lookForId,
  kind: 'seen',
  value: value ? 'seen' : 'not_seen',
});

/** `n` visits, one teacher each, answering `lookForId` with the given levels in turn. */
export function visitsWith(
  lookForId: string,
  levels: readonly Prevalence[],
  overrides: Partial<Visit> = {},
): Visit[] {
  return levels.map((level) => visit({ ...overrides, answers: [prev(lookForId, level)] }));
}
