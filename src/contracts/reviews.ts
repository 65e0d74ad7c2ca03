import { z } from 'zod';
import { COMMENT_MAX, supportiveOptions, walkWishes } from '../domain/reviews/pulse.ts';

/**
 * Reviews with all staff (DESIGN.md rule 11): a review record for a period with notes, and an
 * anonymous staff pulse. No response carries who answered what: only counts (suppressed below
 * k), sorted comments, and for the person asking, whether they have answered themselves.
 */

const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2026-12-04.' });

export const schoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});
export const reviewParamsSchema = z.object({
  reviewId: z.uuid({ error: 'A review id is a UUID, as given by the school’s reviews.' }),
});

export const openReviewSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Give the review a title.' }).max(200),
    /** A term of the school, or from and to dates. */
    termId: z.uuid({ error: 'Choose one of the school’s terms.' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    pulseClosesOn: isoDate,
  })
  .strict()
  .refine((v) => (v.termId ? !v.from && !v.to : Boolean(v.from && v.to)), {
    error: 'Give the period the review covers: a term, or a from and a to date (not both).',
    path: ['termId'],
  });
export type OpenReviewInput = z.infer<typeof openReviewSchema>;

export const pulseAnswerSchema = z
  .object({
    walks: z.enum(walkWishes, { error: 'Choose more, about the same, or fewer.' }),
    supportive: z.enum(supportiveOptions, {
      error: 'Choose yes, mostly, not really or not sure.',
    }),
    comment: z
      .string()
      .trim()
      .max(COMMENT_MAX, { error: `Keep the comment to ${COMMENT_MAX} characters.` })
      .nullish()
      .transform((c) => (c ? c : null)),
  })
  .strict();
export type PulseAnswerInput = z.infer<typeof pulseAnswerSchema>;

export const reviewNotesSchema = z
  .object({ notes: z.string().max(10_000, { error: 'Keep the notes to 10,000 characters.' }) })
  .strict();

const share = z.object({ count: z.number().int(), share: z.number() });

export const pulseFiguresSchema = z.object({
  walks: z.object({ more: share, same: share, fewer: share }),
  supportive: z.object({ yes: share, mostly: share, not_really: share, unsure: share }),
  more: z.object({ share: z.number(), lower: z.number(), upper: z.number() }),
});

export const pulseResultsSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('not_yet'),
    answered: z.number().int(),
    staff: z.number().int(),
    k: z.number().int(),
    reason: z.string(),
  }),
  z.object({
    status: z.literal('suppressed'),
    answered: z.number().int(),
    staff: z.number().int(),
    k: z.number().int(),
    reason: z.string(),
  }),
  z.object({
    status: z.literal('shown'),
    answered: z.number().int(),
    staff: z.number().int(),
    k: z.number().int(),
    figures: pulseFiguresSchema,
    comments: z.array(z.string()),
  }),
]);
export type PulseResults = z.infer<typeof pulseResultsSchema>;

export const reviewSummarySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  title: z.string(),
  period: z.object({ label: z.string(), from: isoDate, to: isoDate }),
  pulseClosesOn: isoDate,
  pulseOpen: z.boolean(),
  status: z.enum(['open', 'closed']),
  answered: z.number().int(),
  staff: z.number().int(),
  /** Whether the person asking has answered this pulse (never anyone else). */
  youAnswered: z.boolean(),
  closedAt: z.iso.datetime().nullable(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewListSchema = z.object({
  schoolName: z.string(),
  today: isoDate,
  canManage: z.boolean(),
  canAnswer: z.boolean(),
  terms: z.array(z.object({ id: z.uuid(), name: z.string(), startsOn: isoDate, endsOn: isoDate })),
  reviews: z.array(reviewSummarySchema),
  /** How often the school reviews with all staff, and each period begun: held or due (rule 11). */
  schedule: z.object({
    frequency: z.enum(['term', 'school_year']),
    periods: z.array(
      z.object({
        label: z.string(),
        from: isoDate,
        to: isoDate,
        held: z.number().int(),
        due: z.boolean(),
      }),
    ),
  }),
});
export type ReviewList = z.infer<typeof reviewListSchema>;

export const reviewDetailSchema = reviewSummarySchema.extend({
  schoolName: z.string(),
  canManage: z.boolean(),
  canAnswer: z.boolean(),
  /** Why the pulse no longer takes answers; null while it is open. */
  pulseClosedReason: z.string().nullable(),
  questions: z.object({ walks: z.string(), supportive: z.string(), comment: z.string() }),
  /** Leaders (and trust leaders and admins) only; null for everyone else. */
  results: pulseResultsSchema.nullable(),
  notes: z.string().nullable(),
  /**
   * Concerns about how walks are run raised in the review's period (rule 12, issue 16), as the
   * protocol report counts them: by kind, time to acknowledge and outcomes, never contents.
   */
  concerns: z.object({
    status: z.enum(['kept', 'broken', 'not_applicable', 'not_measured']),
    evidence: z.array(z.string()),
  }),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const pulseAnsweredSchema = z.object({
  answered: z.literal(true),
  message: z.string(),
});

// ---------------------------------------------------------------------------------------------
// The trust dashboard's culture measures: each school's latest closed pulse.
// ---------------------------------------------------------------------------------------------

export const schoolPulseSchema = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  /** The review whose pulse is shown; null when the school has no closed pulse in scope. */
  review: z
    .object({
      id: z.uuid(),
      title: z.string(),
      periodLabel: z.string(),
      pulseClosesOn: isoDate,
    })
    .nullable(),
  answered: z.number().int(),
  staff: z.number().int(),
  /** Null when there is no review or fewer than k answered (see note). */
  walks: z
    .object({
      more: share,
      same: share,
      fewer: share,
      /** 95% interval on the share wanting more walks. */
      moreLower: z.number(),
      moreUpper: z.number(),
    })
    .nullable(),
  note: z.string().nullable(),
});
export type SchoolPulse = z.infer<typeof schoolPulseSchema>;

export const trustPulseSchema = z.object({
  k: z.number().int(),
  /** Plain text when no school in view has a closed pulse; null otherwise. */
  note: z.string().nullable(),
  schools: z.array(schoolPulseSchema),
});
export type TrustPulse = z.infer<typeof trustPulseSchema>;
