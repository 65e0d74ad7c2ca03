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
  /** null for an anonymous comment: who wrote it is shown to nobody. */
  authorName: z.string().nullable(),
  anonymous: z.boolean(),
  /** The amendment commented on; null: the programme itself. */
  amendmentId: z.uuid().nullable(),
  /** The reader wrote it (always false for an anonymous comment: nothing links it to anyone). */
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

const walkKind = z.enum(['learning', 'student_voice', 'health_and_safety']);

/** A walk the programme plans: staff know the week or date, time, focus and observers. */
export const plannedWalkSchema = z.object({
  id: z.uuid(),
  /** The Monday of the week, when only the week is planned. */
  weekOf: z.string().nullable(),
  date: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  kind: walkKind,
  focusTitle: z.string(),
  observerIds: z.array(z.uuid()),
  observerNames: z.array(z.string()),
  /** The amendment that adds it; null: part of the programme as first consulted on. */
  amendmentId: z.uuid().nullable(),
  /** Agreed with staff: in the agreed programme, or added by an agreed amendment. */
  agreed: z.boolean(),
  /** The walk that carries it out, if one has been planned. */
  walkId: z.uuid().nullable(),
});
export type PlannedWalk = z.infer<typeof plannedWalkSchema>;

export const amendmentSchema = z.object({
  id: z.uuid(),
  summary: z.string(),
  status: z.enum(['consultation', 'agreed', 'withdrawn']),
  openedAt: z.iso.datetime(),
  agreedOn: z.string().nullable(),
  agreementHow: z.string().nullable(),
  /** The first day it may be agreed (its shorter consultation period). */
  earliestAgreement: z.string().nullable(),
  unanswered: z.number().int(),
});
export type Amendment = z.infer<typeof amendmentSchema>;

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
  plannedWalks: z.array(plannedWalkSchema),
  amendments: z.array(amendmentSchema),
  comments: z.array(commentSchema),
  /** Consultation on the programme itself (rule 1). */
  consultation: z.object({
    minSchoolDays: z.number().int(),
    amendmentSchoolDays: z.number().int(),
    /** The first day staff may agree it; null until consultation opens. */
    earliestAgreement: z.string().nullable(),
    unanswered: z.number().int(),
  }),
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
    /** Comment without your name: the comment is stored with no author and shown to nobody as yours. */
    anonymous: z.boolean({ error: 'anonymous is true or false.' }).default(false),
    /** Comment on an amendment in consultation rather than on the programme. */
    amendmentId: z
      .uuid({ error: 'An amendment id is a UUID, as given by the programme page.' })
      .nullable()
      .default(null),
  })
  .strict();

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Write times as HH:MM, such as 09:00.' });

export const plannedWalkInputSchema = z
  .object({
    /** Give a date, or the Monday of the week. */
    date: isoDate.nullable().default(null),
    weekOf: isoDate.nullable().default(null),
    windowStart: hhmm,
    windowEnd: hhmm,
    kind: walkKind.default('learning'),
    focusTitle: z
      .string()
      .trim()
      .min(1, { error: 'Say what the walk looks at, such as “Talk for learning in Key Stage 3”.' })
      .max(200, { error: 'Keep the focus under 200 characters.' }),
    observerIds: z
      .array(z.uuid({ error: 'Observers are people ids from the staff list.' }))
      .max(2, { error: 'At most two observers on a walk (rule 3).' })
      .default([]),
  })
  .strict();
export type PlannedWalkInput = z.infer<typeof plannedWalkInputSchema>;

export const plannedWalksInputSchema = z
  .object({
    walks: z
      .array(plannedWalkInputSchema)
      .min(1, { error: 'Give at least one planned walk.' })
      .max(60, { error: 'At most 60 planned walks at a time.' }),
    /** Add them to an amendment in consultation (required once the programme is agreed). */
    amendmentId: z.uuid().nullable().default(null),
  })
  .strict();

export const plannedWalkParamsSchema = programmeParamsSchema.extend({
  plannedWalkId: z.uuid({ error: 'A planned walk id is a UUID, as given by the programme page.' }),
});

export const termPlanInputSchema = z
  .object({
    /** How many walks the term should have. */
    count: z
      .number()
      .int()
      .min(1, { error: 'Plan at least one walk.' })
      .max(40, { error: 'Plan at most 40 walks in a term.' }),
    /** Times of day walks may use, rotated so visits fall at different times. */
    windows: z
      .array(z.object({ startsAt: hhmm, endsAt: hhmm }).strict())
      .min(1)
      .max(8)
      .default([
        { startsAt: '09:00', endsAt: '10:00' },
        { startsAt: '11:00', endsAt: '12:00' },
        { startsAt: '13:30', endsAt: '14:30' },
      ]),
    focusTitle: z.string().trim().min(1).max(200).default('Focus to be agreed with staff'),
    observerIds: z.array(z.uuid()).max(2).default([]),
    /** Visits each walk would make, to check the term can be planned within every rule. */
    visitsPerWalk: z.number().int().min(1).max(12).default(4),
  })
  .strict();

export const termPlanSchema = z.object({
  /** Draft entries: nothing is written until the leader adds them (POST …/planned-walks). */
  walks: z.array(plannedWalkInputSchema),
  /** How the term would go if each walk were planned now: counts only, never a name. */
  quality: z.object({
    walks: z.number().int(),
    visits: z.number().int(),
    visitsWanted: z.number().int(),
    teachers: z.number().int(),
    teachersVisited: z.number().int(),
    mostVisitsForOneTeacher: z.number().int(),
  }),
  notes: z.array(z.string()),
});
export type TermPlan = z.infer<typeof termPlanSchema>;

export const amendmentInputSchema = z
  .object({
    summary: z
      .string()
      .trim()
      .min(5, {
        error:
          'Say what the amendment changes and why, such as “An extra walk on reading in Year 7, week of 30 November”.',
      })
      .max(2000),
  })
  .strict();

export const amendmentParamsSchema = programmeParamsSchema.extend({
  amendmentId: z.uuid({ error: 'An amendment id is a UUID, as given by the programme page.' }),
});

export const amendmentAgreementSchema = z
  .object({
    agreedOn: isoDate,
    agreementHow: z
      .string()
      .trim()
      .min(5, { error: 'Say how staff agreed the amendment, such as “staff briefing 3 December”.' })
      .max(1000),
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
  /** Look-fors one walk asks at most without a reason (issue 21). */
  recommendedLookFors: z.number().int(),
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
