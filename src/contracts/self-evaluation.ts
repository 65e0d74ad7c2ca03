import { z } from 'zod';
import {
  evidenceSignals,
  selfEvaluationRatings,
  statementIds,
} from '../domain/self-evaluation/self-evaluation.ts';

/**
 * A school's self-evaluation of its walk practice (issue 16): the checklist's statements, each
 * with the school's rating and comment, the evidence the app pre-fills from its own data (counts
 * and dates, never a teacher) and where the two disagree; the last completed one beside it.
 */

const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2026-12-04.' });

export const selfEvaluationSchoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});
export const selfEvaluationParamsSchema = z.object({
  selfEvaluationId: z.uuid({
    error: 'A self-evaluation id is a UUID, as given by the school’s self-evaluations.',
  }),
});
export const statementParamsSchema = selfEvaluationParamsSchema.extend({
  statementId: z.enum(statementIds, { error: 'That is not one of the checklist’s statements.' }),
});

export const startSelfEvaluationSchema = z
  .object({
    label: z.string().trim().min(1, { error: 'Say which period this covers.' }).max(120),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((v) => v.from <= v.to, {
    error: 'The period must end on or after the day it starts.',
    path: ['to'],
  });
export type StartSelfEvaluationInput = z.infer<typeof startSelfEvaluationSchema>;

export const rateStatementSchema = z
  .object({
    rating: z.enum(selfEvaluationRatings, { error: 'Choose in place, partly or not yet.' }),
    comment: z
      .string()
      .trim()
      .max(2000, { error: 'Keep the comment to 2,000 characters.' })
      .default(''),
  })
  .strict();
export type RateStatementInput = z.infer<typeof rateStatementSchema>;

export const statementActionSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Say what the action is.' }).max(300),
    ownerId: z.uuid({ error: 'Choose who owns the action.' }),
    dueOn: isoDate,
    priorityId: z.uuid({ error: 'Link the action to one of the school’s improvement priorities.' }),
  })
  .strict();
export type StatementActionInput = z.infer<typeof statementActionSchema>;

const summary = z.object({
  id: z.uuid(),
  label: z.string(),
  from: isoDate,
  to: isoDate,
  startedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  inPlace: z.number().int(),
  partly: z.number().int(),
  notYet: z.number().int(),
});

export const selfEvaluationListSchema = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  canManage: z.boolean(),
  /** Periods to choose from: each term of the school, and each school year its terms make. */
  periods: z.array(z.object({ label: z.string(), from: isoDate, to: isoDate })),
  selfEvaluations: z.array(summary),
});
export type SelfEvaluationList = z.infer<typeof selfEvaluationListSchema>;

const ratingEnum = z.enum(selfEvaluationRatings);

export const selfEvaluationDetailSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  label: z.string(),
  from: isoDate,
  to: isoDate,
  completedAt: z.iso.datetime().nullable(),
  canManage: z.boolean(),
  /** The last completed self-evaluation before this one, shown beside it. */
  previous: z.object({ id: z.uuid(), label: z.string(), completedAt: z.iso.datetime() }).nullable(),
  statements: z.array(
    z.object({
      id: z.enum(statementIds),
      text: z.string(),
      basis: z.string(),
      signal: z.enum(evidenceSignals),
      signalLabel: z.string(),
      evidence: z.array(z.string()),
      rating: ratingEnum.nullable(),
      comment: z.string(),
      disagreement: z
        .object({ direction: z.enum(['rated_higher', 'rated_lower']), message: z.string() })
        .nullable(),
      action: z.object({ id: z.uuid(), title: z.string() }).nullable(),
      previous: z.object({ rating: ratingEnum, comment: z.string() }).nullable(),
    }),
  ),
  unrated: z.number().int(),
});
export type SelfEvaluationDetail = z.infer<typeof selfEvaluationDetailSchema>;
