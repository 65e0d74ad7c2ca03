import { describe, expect, it } from 'vitest';
import { emptyPlanning, feedbackAndDataLines, planningQuestions } from './planning-questions.ts';

describe('planning questions before a walk', () => {
  it('asks the guide’s questions once each', () => {
    expect(planningQuestions.map((q) => q.key)).toEqual([
      'whoTakesPart',
      'roomsChosen',
      'teachersTold',
      'focusWhy',
      'feedbackHow',
      'dataSharedWith',
    ]);
  });

  it('tells the visited teacher how feedback is given and who else receives the data, nothing else', () => {
    expect(feedbackAndDataLines(null)).toEqual([]);
    expect(feedbackAndDataLines(emptyPlanning)).toEqual([]);
    expect(
      feedbackAndDataLines({
        ...emptyPlanning,
        whoTakesPart: 'The deputy head and the English lead.',
        feedbackHow: 'Within five school days.',
        feedbackInPerson: true,
        dataSharedWith: 'The senior team, as themes with no names.',
      }),
    ).toEqual([
      'Feedback: in person; you will be offered a time for a short conversation, or can ask for it in writing. Within five school days.',
      'Who else receives what the walk finds: The senior team, as themes with no names.',
    ]);
    expect(feedbackAndDataLines({ ...emptyPlanning, feedbackHow: 'A summary by email.' })).toEqual([
      'Feedback: in writing. A summary by email.',
    ]);
  });
});
