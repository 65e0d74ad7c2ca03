import { z } from 'zod';
import { answerKinds, audiences } from '../domain/frameworks/types.ts';
import { recordBodySchema } from './records.ts';

/**
 * The teacher's side of a visit (issue 7, protocol rule 8): every handed-in record of a visit to
 * their class, responses, factual-error flags settled by versioned corrections, a private
 * reflection, and consent to share the visit with their coach.
 */

export const visitIdParamsSchema = z.object({
  visitId: z.uuid({ error: 'A visit id is a UUID, as given by GET /api/me/visit-records.' }),
});
export const visitPhotoParamsSchema = visitIdParamsSchema.extend({
  recordId: z.uuid({ error: 'A record id is a UUID, as given with the visit’s records.' }),
  photoId: z.uuid({ error: 'A photo id is a UUID, as given with the visit’s records.' }),
});
export const flagParamsSchema = z.object({
  flagId: z.uuid({ error: 'A flag id is a UUID, as given with the visit’s records.' }),
});

/** Who is reading: the visited teacher, a coach they shared it with, a school leader, an observer. */
export const viewers = ['teacher', 'coach', 'leader', 'observer'] as const;
export type Viewer = (typeof viewers)[number];

export const responseWindowSchema = z.object({
  /** The school day the first record was handed in; null before any hand-in. */
  opensOn: z.iso.date().nullable(),
  /** The last school day on which the teacher may respond or flag an error. */
  closesOn: z.iso.date().nullable(),
  open: z.boolean(),
  schoolDays: z.number().int(),
});
export type ResponseWindow = z.infer<typeof responseWindowSchema>;

export const recordVersionSchema = z.object({
  versionNo: z.number().int(),
  createdAt: z.iso.datetime(),
  body: recordBodySchema,
});

/** A flagged phrase the observer kept with a reason (rule 9), marked where it stands in the body. */
export const keptMarkSchema = z.object({
  /** notes, answer:<lookForId> or voice:<promptId> */
  field: z.string(),
  /** Offsets into the text as shown in `body`. */
  start: z.number().int(),
  end: z.number().int(),
  phrase: z.string(),
  kind: z.enum(['pupil_name', 'staff_name', 'possible_name', 'about_teacher', 'judgement']),
  reason: z.string(),
});
export type KeptMark = z.infer<typeof keptMarkSchema>;

export const visitRecordSchema = z.object({
  id: z.uuid(),
  observerName: z.string(),
  versionNo: z.number().int(),
  handedInAt: z.iso.datetime(),
  body: recordBodySchema,
  photoIds: z.array(z.uuid()),
  /** Every version since hand-in, oldest first: the original stays visible after a correction. */
  versions: z.array(recordVersionSchema),
  /** Phrases kept with a reason, marked; the body carries only the text, never `kept`. */
  kept: z.array(keptMarkSchema),
  /**
   * How many flagged phrases were taken out of what this reader sees (records handed in before
   * the hand-in check): pupils' names for everyone, any phrase kept without a reason for leaders.
   */
  removed: z.number().int(),
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

export const flagStatuses = ['open', 'corrected', 'not_changed'] as const;

export const flagSchema = z.object({
  id: z.uuid(),
  recordId: z.uuid(),
  item: z.string(),
  itemLabel: z.string(),
  explanation: z.string(),
  raisedAt: z.iso.datetime(),
  againstVersion: z.number().int(),
  status: z.enum(flagStatuses),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  correctedVersion: z.number().int().nullable(),
  /** The record's observer or a school leader may settle it. */
  canResolve: z.boolean(),
});
export type Flag = z.infer<typeof flagSchema>;

export const responseSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
});

export const visitRecordsSchema = z.object({
  viewer: z.enum(viewers),
  visit: z.object({
    id: z.uuid(),
    walkId: z.uuid(),
    schoolId: z.uuid(),
    schoolName: z.string(),
    date: z.iso.date(),
    classCode: z.string(),
    room: z.string(),
    focusTitle: z.string(),
    purpose: z.string(),
  }),
  window: responseWindowSchema,
  lookFors: z.array(
    z.object({
      id: z.uuid(),
      prompt: z.string(),
      answerKind: z.enum(answerKinds),
      audience: z.enum(audiences),
    }),
  ),
  records: z.array(visitRecordSchema),
  responses: z.array(responseSchema),
  flags: z.array(flagSchema),
  /** The teacher's private reflection: the teacher, or their coach when they chose to share it. */
  reflection: z.object({ body: z.string(), updatedAt: z.iso.datetime() }).nullable(),
  /** The teacher's coach (from their staff profile) and whether this visit is shared with them. */
  coach: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  share: z
    .object({ coachName: z.string(), includeReflection: z.boolean(), sharedAt: z.iso.datetime() })
    .nullable(),
  can: z.object({
    respond: z.boolean(),
    reflect: z.boolean(),
    share: z.boolean(),
  }),
});
export type VisitRecords = z.infer<typeof visitRecordsSchema>;

export const myVisitRecordsSchema = z.object({
  visits: z.array(
    z.object({
      visitId: z.uuid(),
      date: z.iso.date(),
      schoolName: z.string(),
      classCode: z.string(),
      focusTitle: z.string(),
      records: z.number().int(),
      openFlags: z.number().int(),
      window: responseWindowSchema,
      sharedWithCoach: z.boolean(),
    }),
  ),
});
export type MyVisitRecords = z.infer<typeof myVisitRecordsSchema>;

export const coachingListSchema = z.object({
  visits: z.array(
    z.object({
      visitId: z.uuid(),
      date: z.iso.date(),
      teacherName: z.string(),
      classCode: z.string(),
      focusTitle: z.string(),
      records: z.number().int(),
    }),
  ),
});

export const myFlagsSchema = z.object({
  flags: z.array(
    flagSchema.extend({
      visitId: z.uuid(),
      date: z.iso.date(),
      classCode: z.string(),
    }),
  ),
});

export const responseInputSchema = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, { error: 'Write your response: what the observers could not see.' })
      .max(5000),
  })
  .strict();

export const flagInputSchema = z
  .object({
    recordId: z.uuid({ error: 'Say which record holds the error (recordId).' }),
    /** 'notes', 'answer:<lookForId>' or 'voice:<promptId>'. */
    item: z.string().regex(/^(notes|(answer|voice):[0-9a-f-]{36})$/, {
      error: "Say which item is wrong: 'notes', 'answer:<look-for id>' or 'voice:<prompt id>'.",
    }),
    explanation: z
      .string()
      .trim()
      .min(1, { error: 'Say what is factually wrong and what actually happened.' })
      .max(2000),
  })
  .strict();
export type FlagInput = z.infer<typeof flagInputSchema>;

export const resolveFlagSchema = z
  .object({
    outcome: z.enum(['corrected', 'not_changed']),
    /** The corrected value of the item (text, prevalence level, true/false or a count). */
    correction: z.union([z.string().max(5000), z.number(), z.boolean()]).optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type ResolveFlag = z.infer<typeof resolveFlagSchema>;

export const reflectionInputSchema = z
  .object({ body: z.string().max(10000, { error: 'A reflection holds up to 10,000 characters.' }) })
  .strict();

export const coachShareInputSchema = z
  .object({ includeReflection: z.boolean().default(false) })
  .strict();
