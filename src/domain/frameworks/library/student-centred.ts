import type { FrameworkContent } from '../types.ts';
import { ask, lens, lookFor } from './build.ts';

/** A framework for student-voice walks: short conversations with pupils about their own learning. */
export const studentCentred: FrameworkContent = {
  name: 'Student-centred learning',
  kind: 'student_voice',
  description:
    'Questions an observer asks pupils, quietly and briefly, about their own learning. Pupils are never asked about an adult.',
  lenses: [
    lens(
      'knowing-the-learning',
      'Knowing the learning',
      'Whether pupils can say what they are learning and where it fits.',
      [
        ask('learning-today', 'What are you learning today?', {
          looksLike: 'A pupil describes the idea or skill, not just the activity.',
        }),
        ask('links-before', 'How does it link to what you did before?'),
        ask('knowing-well', 'How will you know you have done it well?'),
      ],
    ),
    lens('independence', 'Independence and resilience', 'What pupils do when the work is hard.', [
      ask('when-stuck', 'What do you do when you are stuck?', {
        doesNotMean: 'That "ask for help" is a wrong answer: note what pupils say.',
      }),
      ask('who-helps', 'Who or what can you use to help you when work is hard?'),
      lookFor('pupils-answering', 'Number of pupils spoken to', 'count'),
    ]),
    lens(
      'progress-pupils-see',
      'Progress pupils can see',
      'How pupils know they are getting better.',
      [
        ask('improving', 'How do you know your work is improving?'),
        ask('proud', 'Show me a piece of work you are proud of. What makes it good?'),
      ],
    ),
  ],
};
