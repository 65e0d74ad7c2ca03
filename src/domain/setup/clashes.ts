/**
 * Lessons that cannot share a slot (week, day, period): one teacher, one room, one class
 * can each be in one place at a time. These functions find and describe the clash.
 */
export type Slot = { cycleWeek: number; weekday: number; periodId: string };

export type LessonForClash = Slot & {
  id: string;
  classCode: string;
  subject: string;
  yearGroup: string;
  roomId: string;
  roomName: string;
  /** The lead teacher and any co-teachers. */
  teachers: readonly { id: string; name: string }[];
  periodName: string;
};

export type Clash =
  | { kind: 'teacher'; teacher: { id: string; name: string }; lesson: LessonForClash }
  | { kind: 'room'; lesson: LessonForClash }
  | { kind: 'class'; lesson: LessonForClash };

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

export function describeSlot(
  slot: { cycleWeek: number; weekday: number; periodName: string },
  cycleWeeks: number,
): string {
  const day = weekdayNames[slot.weekday - 1] ?? `day ${slot.weekday}`;
  const week = cycleWeeks === 2 ? `week ${slot.cycleWeek === 1 ? 'A' : 'B'}, ` : '';
  return `${week}${day}, ${slot.periodName}`;
}

const lessonName = (l: LessonForClash) => `${l.classCode} (${l.subject}, ${l.yearGroup})`;

/** A sentence naming the clashing lesson, where and how to resolve it. */
export function describeClash(clash: Clash, cycleWeeks: number): string {
  const when = describeSlot(clash.lesson, cycleWeeks);
  const l = clash.lesson;
  switch (clash.kind) {
    case 'teacher':
      return `${clash.teacher.name} already teaches ${lessonName(l)} in ${l.roomName} on ${when}. Choose another teacher or another slot, or change that lesson first.`;
    case 'room':
      return `${l.roomName} is already used by ${lessonName(l)} on ${when}. Choose another room or another slot.`;
    case 'class':
      return `Class ${l.classCode} already has ${l.subject} in ${l.roomName} on ${when}. A class can be in one lesson at a time: choose another slot.`;
  }
}

/**
 * The first clash between a proposed lesson and the lessons already in its slot
 * (the lesson being edited, if any, is left out). Class first, then room, then teachers.
 */
export function findClash(
  proposed: Omit<LessonForClash, 'subject' | 'yearGroup' | 'roomName' | 'periodName'> & {
    teachers: readonly { id: string; name: string }[];
  },
  existing: readonly LessonForClash[],
): Clash | null {
  const same = existing.filter(
    (l) =>
      l.id !== proposed.id &&
      l.cycleWeek === proposed.cycleWeek &&
      l.weekday === proposed.weekday &&
      l.periodId === proposed.periodId,
  );
  const classCode = proposed.classCode.trim().toLowerCase();
  const sameClass = same.find((l) => l.classCode.trim().toLowerCase() === classCode);
  if (sameClass) return { kind: 'class', lesson: sameClass };
  const sameRoom = same.find((l) => l.roomId === proposed.roomId);
  if (sameRoom) return { kind: 'room', lesson: sameRoom };
  for (const teacher of proposed.teachers) {
    const busy = same.find((l) => l.teachers.some((t) => t.id === teacher.id));
    if (busy) return { kind: 'teacher', teacher, lesson: busy };
  }
  return null;
}
