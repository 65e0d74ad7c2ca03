import type { Prevalence } from '../frameworks/types.ts';

/**
 * The evidence that insights aggregate, as plain data. The capture feature stores one record per
 * observer per visit; these are the fields aggregation needs.
 *
 * `teacherKey` is an opaque id used ONLY to count how many distinct teachers a figure rests on
 * (the suppression threshold, protocol rule 10). No function in this folder ever returns it.
 */

export type EvidenceAnswer =
  | { lookForId: string; kind: 'prevalence'; value: Prevalence }
  | { lookForId: string; kind: 'seen'; value: 'seen' | 'not_seen' }
  | { lookForId: string; kind: 'count'; value: number }
  | { lookForId: string; kind: 'note'; value: string };

export type StudentVoiceAnswer = { promptId: string; text: string };

export type VisitRecord = {
  visitId: string;
  schoolId: string;
  walkId: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Opaque; counted, never output. */
  teacherKey: string;
  /** Other teachers of a co-taught lesson, if any: they were visited too. Counted, never output. */
  coTeacherKeys?: readonly string[];
  /** null when the lesson has no department (it is then counted under "No department"). */
  departmentId: string | null;
  yearGroupId: string | null;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 1-based period of the school day, or null outside the timetable. */
  periodOrdinal: number | null;
  frameworkVersionId: string;
  /** `lookForId` is the look-for's key in the record's framework version. */
  answers: readonly EvidenceAnswer[];
  notes: string;
  studentVoice: readonly StudentVoiceAnswer[];
};

/** One visit, after the records of its observers are put together. */
export type Visit = Omit<VisitRecord, 'answers' | 'notes' | 'studentVoice'> & {
  answers: readonly EvidenceAnswer[];
  /** Every observer's notes, one entry each (empty notes left out). */
  notes: readonly string[];
  studentVoice: readonly StudentVoiceAnswer[];
};

/** The default suppression threshold: a figure needs at least this many distinct visited teachers. */
export const DEFAULT_K = 3;

const prevalenceRank: Record<Prevalence, number> = { not_seen: 0, some: 1, most: 2, all: 3 };

/**
 * Puts the records of one visit together (at most two observers, protocol rule 3), so that a visit
 * counts once. When observers gave different answers to the same look-for, the visit counts at the
 * level every observer recorded: the lower prevalence, "seen" only if each observer saw it, the
 * smaller count. That never overstates what was seen. Notes and student voice are all kept.
 * Visits come out in order of first appearance.
 */
export function mergeRecordsByVisit(records: readonly VisitRecord[]): Visit[] {
  const byVisit = new Map<string, { visit: Visit; answers: Map<string, EvidenceAnswer> }>();
  for (const record of records) {
    let entry = byVisit.get(record.visitId);
    if (!entry) {
      const { answers: _a, notes: _n, studentVoice: _s, ...rest } = record;
      entry = { visit: { ...rest, answers: [], notes: [], studentVoice: [] }, answers: new Map() };
      byVisit.set(record.visitId, entry);
    }
    for (const answer of record.answers) {
      const seen = entry.answers.get(answer.lookForId);
      entry.answers.set(answer.lookForId, seen ? lowerOf(seen, answer) : answer);
    }
    const notes = record.notes.trim();
    if (notes) (entry.visit.notes as string[]).push(notes);
    (entry.visit.studentVoice as StudentVoiceAnswer[]).push(...record.studentVoice);
  }
  return [...byVisit.values()].map(({ visit, answers }) => ({
    ...visit,
    answers: [...answers.values()],
  }));
}

function lowerOf(a: EvidenceAnswer, b: EvidenceAnswer): EvidenceAnswer {
  if (a.kind === 'prevalence' && b.kind === 'prevalence') {
    return prevalenceRank[b.value] < prevalenceRank[a.value] ? b : a;
  }
  if (a.kind === 'seen' && b.kind === 'seen') return a.value === 'not_seen' ? a : b;
  if (a.kind === 'count' && b.kind === 'count') return b.value < a.value ? b : a;
  if (a.kind === 'note' && b.kind === 'note') {
    return { ...a, value: [a.value, b.value].filter((v) => v.trim()).join('\n') };
  }
  return a; // different kinds for one look-for: keep the first; the framework fixes the kind.
}

/** Every teacher visited in a visit (the class teacher and any co-teachers). */
export function teachersOf(visit: Pick<VisitRecord, 'teacherKey' | 'coTeacherKeys'>): string[] {
  return visit.coTeacherKeys?.length
    ? [visit.teacherKey, ...visit.coTeacherKeys]
    : [visit.teacherKey];
}
