import { z } from 'zod';

/**
 * Feedback as agreed (issue 16): when a walk's plan says feedback is in person, each visited
 * teacher is offered a short conversation at times the observer gives, and picks one or says
 * written feedback is fine.
 */

export const feedbackVisitParamsSchema = z.object({
  visitId: z.uuid({ error: 'A visit id is a UUID, as given by the walk.' }),
});
export const feedbackWalkParamsSchema = z.object({
  walkId: z.uuid({ error: 'A walk id is a UUID, as given by the school’s walks.' }),
});

export const offerFeedbackSchema = z
  .object({
    times: z
      .array(z.iso.datetime({ offset: true, error: 'Give each time as a date and time.' }))
      .min(1, { error: 'Offer at least one time.' })
      .max(5, { error: 'Offer at most five times.' }),
    minutes: z.number().int().min(5).max(60).default(15),
  })
  .strict();
export type OfferFeedbackInput = z.infer<typeof offerFeedbackSchema>;

export const answerFeedbackSchema = z.union([
  z.object({ time: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ written: z.literal(true) }).strict(),
]);
export type AnswerFeedbackInput = z.infer<typeof answerFeedbackSchema>;

export const feedbackConversationSchema = z.object({
  visitId: z.uuid(),
  walkId: z.uuid(),
  teacherName: z.string(),
  classCode: z.string(),
  visitStart: z.iso.datetime(),
  offeredTimes: z.array(z.iso.datetime()),
  minutes: z.number().int(),
  choice: z.enum(['time', 'written']).nullable(),
  chosenTime: z.iso.datetime().nullable(),
  heldAt: z.iso.datetime().nullable(),
});
export type FeedbackConversation = z.infer<typeof feedbackConversationSchema>;

export const walkFeedbackSchema = z.object({
  inPerson: z.boolean(),
  visits: z.array(
    z.object({
      visitId: z.uuid(),
      teacherName: z.string(),
      classCode: z.string(),
      conversation: feedbackConversationSchema.nullable(),
    }),
  ),
});
export const myFeedbackSchema = z.object({ conversations: z.array(feedbackConversationSchema) });
