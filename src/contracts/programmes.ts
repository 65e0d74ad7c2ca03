import { z } from 'zod';

const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2026-11-23.' });

export const programmeStatuses = ['draft', 'consultation', 'agreed', 'published'] as const;
export const programmeStatusSchema = z.enum(programmeStatuses);
export type ProgrammeStatusDto = z.infer<typeof programmeStatusSchema>;

export const programmeParamsSchema = z.object({
  programmeId: z.uuid({
    error: 'A programme id is a UUID, as given by GET /api/schools/{schoolId}/programmes.',
  }),
});
export const commentParamsSchema = programmeParamsSchema.extend({
  commentId: z.uuid({ error: 'A comment id is a UUID, as given by the programme page.' }),
});

export const programmeSummarySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  title: z.string(),
  status: programmeStatusSchema,
  termId: z.uuid().nullable(),
  termName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  walkCount: z.number().int(),
  publishedAt: z.iso.datetime().nullable(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummarySchema>;

export const termSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const programmeListSchema = z.object({
  programmes: z.array(programmeSummarySchema),
  terms: z.array(termSchema),
  /** Whether this person may draft and run programmes in this school. */
  canEdit: z.boolean(),
});

export const commentSchema = z.object({
  id: z.uuid(),
  authorName: z.string(),
  mine: z.boolean(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const programmeWalkSchema = z.object({
  id: z.uuid(),
  date: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  kind: z.enum(['learning', 'student_voice', 'health_and_safety']),
  focusTitle: z.string(),
  purpose: z.string(),
  status: z.enum(['draft', 'published', 'cancelled']),
  observerNames: z.array(z.string()),
  visitCount: z.number().int(),
});

export const programmeDetailSchema = z.object({
  programme: programmeSummarySchema.extend({
    schoolName: z.string(),
    description: z.string(),
    consultationOpenedAt: z.iso.datetime().nullable(),
    agreedOn: z.string().nullable(),
    agreementHow: z.string().nullable(),
    createdByName: z.string().nullable(),
  }),
  walks: z.array(programmeWalkSchema),
  comments: z.array(commentSchema),
  canEdit: z.boolean(),
  /** Staff may comment while the programme is in consultation. */
  canComment: z.boolean(),
});
export type ProgrammeDetail = z.infer<typeof programmeDetailSchema>;

const title = z
  .string()
  .trim()
  .min(1, { error: 'Give the programme a title, such as “Autumn 2026 learning walks”.' })
  .max(200, { error: 'Keep the title under 200 characters.' });

export const programmeInputSchema = z
  .object({
    title,
    description: z.string().trim().max(5000).default(''),
    /** A term of the school's calendar; or give startsOn and endsOn. */
    termId: z.uuid().nullable().default(null),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
  })
  .strict();
export type ProgrammeInput = z.infer<typeof programmeInputSchema>;

export const transitionSchema = z.discriminatedUnion(
  'to',
  [
    z.object({ to: z.literal('consultation') }).strict(),
    z.object({ to: z.literal('draft') }).strict(),
    z
      .object({
        to: z.literal('agreed'),
        agreedOn: isoDate,
        agreementHow: z
          .string()
          .trim()
          .min(5, {
            error:
              'Say how staff agreed the programme, such as “staff meeting 12 November, union rep consulted”.',
          })
          .max(1000),
      })
      .strict(),
    z.object({ to: z.literal('published') }).strict(),
  ],
  { error: 'Say where the programme goes: "consultation", "agreed", "published" or "draft".' },
);
export type Transition = z.infer<typeof transitionSchema>;

export const commentInputSchema = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, { error: 'Write your comment before sending it.' })
      .max(4000, { error: 'Keep a comment under 4,000 characters.' }),
  })
  .strict();

export const answerInputSchema = z
  .object({
    answer: z
      .string()
      .trim()
      .min(1, { error: 'Write the answer before sending it.' })
      .max(4000, { error: 'Keep an answer under 4,000 characters.' }),
  })
  .strict();

/** The school's protocol settings (rules 3–5 and 13), within the domain's safe bounds. */
export const protocolSettingsSchema = z.object({
  maxObservers: z.number().int(),
  noticeSchoolDays: z.number().int(),
  visitCap: z.number().int(),
  capPeriod: z.enum(['school_year', 'term', 'days']),
  capPeriodDays: z.number().int().nullable(),
  visitMinutes: z.number().int(),
  maxRoomsPerHour: z.number().int(),
  responseWindowSchoolDays: z.number().int(),
  minGroupSize: z.number().int(),
  cycleAnchor: z.string().nullable(),
  /** School days a programme stays in consultation before it may be agreed (rule 1). */
  consultationSchoolDays: z.number().int(),
  /** School days an amendment stays in consultation before it may be agreed. */
  amendmentSchoolDays: z.number().int(),
  /** How often reviews with all staff are held (rule 11). */
  reviewFrequency: z.enum(['term', 'school_year'], {
    error: 'reviewFrequency is "term" or "school_year".',
  }),
});
export type ProtocolSettingsDto = z.infer<typeof protocolSettingsSchema>;

export const protocolSettingsResponseSchema = z.object({
  settings: protocolSettingsSchema,
  bounds: z.record(z.string(), z.object({ min: z.number(), max: z.number() })),
  canEdit: z.boolean(),
});

export const protocolSettingsInputSchema = protocolSettingsSchema
  .extend({ cycleAnchor: isoDate.nullable() })
  .partial()
  .strict();
