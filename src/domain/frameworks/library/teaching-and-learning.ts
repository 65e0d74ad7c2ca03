import type { FrameworkContent } from '../types.ts';
import { ask, lens, lookFor } from './build.ts';

/** A starting framework for learning walks, written for this platform. */
export const teachingAndLearning: FrameworkContent = {
  name: 'Teaching and learning',
  kind: 'learning',
  description:
    'What pupils are doing, saying and producing, across seven lenses. Every prompt is about pupils and learning; none is a judgement of the adult in the room.',
  lenses: [
    lens(
      'curriculum-alignment',
      'Curriculum alignment',
      'Whether the work in front of pupils is the work the curriculum plan intends for this point.',
      [
        lookFor(
          'work-matches-plan',
          'Pupils are working on content that matches the curriculum plan for this point in the year',
          'seen',
          {
            looksLike:
              "The task, vocabulary or texts in use can be found in the department's sequence for this term.",
            doesNotMean:
              'That every class in the year group is on the same lesson on the same day.',
          },
        ),
        lookFor(
          'links-to-prior-learning',
          "Pupils connect today's work to something they learnt before",
          'prevalence',
          {
            looksLike:
              'Pupils refer back to an earlier topic, or a retrieval task draws on previous units.',
          },
        ),
        lookFor(
          'key-vocabulary',
          "Pupils use the subject's key vocabulary accurately",
          'prevalence',
        ),
      ],
    ),
    lens(
      'engagement',
      'Pupil engagement and participation',
      'How many pupils are taking an active part in the learning.',
      [
        lookFor('on-task', 'Pupils are working on the task set', 'prevalence', {
          looksLike: 'Writing, discussing, practising or reading as the task asks.',
          doesNotMean: 'Silence. Purposeful talk can be full participation.',
        }),
        lookFor(
          'contributions',
          'Number of different pupils who contribute to whole-class discussion',
          'count',
          {
            doesNotMean:
              'A target number. It records how widely talk is shared, during the ten minutes seen.',
          },
        ),
        lookFor('peer-talk', 'Pupils talk to each other about the work', 'prevalence'),
      ],
    ),
    lens('environment', 'Learning environment', 'How the room and its routines support learning.', [
      lookFor(
        'resources-to-hand',
        'Pupils can reach the resources they need without waiting',
        'seen',
      ),
      lookFor(
        'displays-support-learning',
        'Displays show current work, models or key vocabulary that pupils use',
        'seen',
        {
          doesNotMean:
            'That a room without displays is a problem: some subjects and rooms work differently.',
        },
      ),
      lookFor(
        'routines',
        'Pupils follow settled routines for starting, moving and handing out',
        'prevalence',
      ),
    ]),
    lens(
      'clarity-of-purpose',
      'Clarity of purpose',
      'Whether pupils know what they are learning and why.',
      [
        lookFor('explain-learning', 'Pupils explain what they are learning and why', 'prevalence', {
          looksLike: 'Asked, a pupil can say what the work is for in their own words.',
          doesNotMean: 'Copying a learning objective from the board.',
        }),
        lookFor(
          'know-success',
          'Pupils can say how they will know they have done the task well',
          'prevalence',
        ),
      ],
    ),
    lens(
      'progress',
      'Evidence of progress',
      "What pupils' work shows about their learning over time.",
      [
        lookFor(
          'books-show-progress',
          "Pupils' recent work shows them doing something they could not do earlier",
          'prevalence',
          {
            looksLike:
              'Later pieces are more accurate, longer, or tackle harder material than earlier ones.',
            doesNotMean: 'Neatness, or how much marking is in the book.',
          },
        ),
        lookFor('feedback-used', 'Pupils act on feedback to improve a piece of work', 'prevalence'),
        lookFor('progress-note', "Notes on what pupils' work shows", 'note'),
      ],
    ),
    lens(
      'thinking',
      'Thinking and questioning',
      "The depth of pupils' thinking and the questions in the room.",
      [
        lookFor(
          'pupils-ask-questions',
          'Pupils ask questions that extend their own thinking',
          'prevalence',
        ),
        lookFor(
          'reasons-given',
          'Pupils give reasons or evidence for their answers',
          'prevalence',
          {
            looksLike:
              '"Because…", "I think this since…", building on or challenging another pupil\'s answer.',
          },
        ),
        lookFor('think-time', 'Pupils have time to think or discuss before answering', 'seen'),
      ],
    ),
    lens('student-voice', 'Student voice', 'What pupils say about their own learning when asked.', [
      ask('learning-today', 'What are you learning today?'),
      ask('stuck', 'What do you do when you are stuck?', {
        doesNotMean: 'A test of the pupil. Accept any answer and note it neutrally.',
      }),
    ]),
  ],
};
