/**
 * The questions to settle before a walk (seed 001's list, issue 16), in our words, as a short
 * guided section of the walk's plan; and what of the answers the visited teachers are told in
 * their notice (how and when feedback is given, who else receives the data). Pure.
 */

export type WalkPlanning = {
  whoTakesPart: string;
  roomsChosen: string;
  teachersTold: string;
  focusWhy: string;
  feedbackHow: string;
  /** Feedback is given in person: each visited teacher is offered a conversation. */
  feedbackInPerson: boolean;
  dataSharedWith: string;
};

export const planningQuestions: readonly {
  key: Exclude<keyof WalkPlanning, 'feedbackInPerson'>;
  question: string;
  hint: string;
}[] = [
  {
    key: 'whoTakesPart',
    question: 'Who takes part, and why them?',
    hint: 'The observers and what each brings, such as subject knowledge or a fresh eye.',
  },
  {
    key: 'roomsChosen',
    question: 'How are the rooms chosen?',
    hint: 'For example by the planner from the timetable, fairly across teachers and times, or by invitation.',
  },
  {
    key: 'teachersTold',
    question: 'How and when are teachers told?',
    hint: 'The notice the app sends, and anything else, such as a word at a staff briefing.',
  },
  {
    key: 'focusWhy',
    question: 'What is the focus, and why does it matter now?',
    hint: 'How it links to the school’s priorities or to what staff asked for.',
  },
  {
    key: 'feedbackHow',
    question: 'How and when is feedback given?',
    hint: 'For example a short conversation within a week, or a written summary.',
  },
  {
    key: 'dataSharedWith',
    question: 'Who else receives what the walk finds?',
    hint: 'For example the senior team as a summary with no names, or governors as themes only.',
  },
];

export const emptyPlanning: WalkPlanning = {
  whoTakesPart: '',
  roomsChosen: '',
  teachersTold: '',
  focusWhy: '',
  feedbackHow: '',
  feedbackInPerson: false,
  dataSharedWith: '',
};

/** What a visited teacher's notice says about feedback and the data, from the plan's answers. */
export function feedbackAndDataLines(p: WalkPlanning | null): string[] {
  if (!p) return [];
  const lines: string[] = [];
  const how = p.feedbackHow.trim();
  if (p.feedbackInPerson || how) {
    lines.push(
      `Feedback: ${p.feedbackInPerson ? 'in person; you will be offered a time for a short conversation, or can ask for it in writing' : 'in writing'}${how ? `. ${how}` : '.'}`,
    );
  }
  const shared = p.dataSharedWith.trim();
  if (shared) lines.push(`Who else receives what the walk finds: ${shared}`);
  return lines;
}
