import { z } from 'zod';
import { answerKinds, audiences } from '../domain/frameworks/types.ts';
import { RECORD_LIMITS } from '../domain/records/body.ts';

/**
 * Capture and sync (issue 6). The device makes each record's UUID before anything is sent and
 * PUTs the whole body; the server answers 2xx only after commit. See docs in README ("Capture").
 */

export const recordParamsSchema = z.object({
  recordId: z.uuid({ error: 'A record id is a UUID made on the device (crypto.randomUUID()).' }),
});
export const photoParamsSchema = recordParamsSchema.extend({
  photoId: z.uuid({ error: 'A photo id is a UUID made on the device (crypto.randomUUID()).' }),
});
export const walkParamsSchema = z.object({
  walkId: z.uuid({ error: 'A walk id is a UUID, as given by GET /api/me/walks.' }),
});

/** Kinds and values are checked against the walk's framework version by the domain (422), not here. */
export const recordBodySchema = z
  .object({
    answers: z
      .array(
        z
          .object({
            lookForId: z.uuid({ error: 'Each answer names its look-for by id.' }),
            kind: z.string().max(40),
            value: z.union([z.string().max(RECORD_LIMITS.noteAnswer + 1), z.number(), z.boolean()]),
          })
          .strict(),
      )
      .max(200),
    notes: z.string().max(RECORD_LIMITS.notes + 1),
    studentVoice: z
      .array(
        z
          .object({
            promptId: z.uuid(),
            text: z.string().max(RECORD_LIMITS.studentVoiceText + 1),
          })
          .strict(),
      )
      .max(50),
    /**
     * Flagged phrases the observer keeps, each with the reason the teacher will read (rule 9).
     * Added with issue 19; a body without it keeps nothing (and hashes as before).
     */
    kept: z
      .array(
        z
          .object({
            field: z.string().regex(/^(notes|answer:[0-9a-fA-F-]{36}|voice:[0-9a-fA-F-]{36})$/, {
              error:
                'A kept phrase names its place: notes, answer:<lookForId> or voice:<promptId>.',
            }),
            phrase: z.string().min(1).max(RECORD_LIMITS.keptPhrase),
            /** May be empty in a draft; hand-in refuses a flagged phrase kept without a reason. */
            reason: z.string().max(RECORD_LIMITS.keptReason),
          })
          .strict(),
      )
      .max(RECORD_LIMITS.keptPhrases)
      .optional(),
  })
  .strict();
export type RecordBodyDto = z.infer<typeof recordBodySchema>;

export const putRecordSchema = z
  .object({
    visitId: z.uuid({ error: 'Say which visit the record is for (visitId).' }),
    /** The version this edit replaces; null for a new record. */
    baseVersion: z.number().int().min(1).nullable(),
    body: recordBodySchema,
    /** When the observer began the record on the device; the walk's date is checked against it. */
    capturedAt: z.iso.datetime().optional(),
  })
  .strict();
export type PutRecord = z.infer<typeof putRecordSchema>;

export const recordSchema = z.object({
  id: z.uuid(),
  walkId: z.uuid(),
  visitId: z.uuid(),
  versionNo: z.number().int(),
  body: recordBodySchema,
  bodyHash: z.string(),
  capturedAt: z.iso.datetime(),
  handedInAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  photoIds: z.array(z.uuid()),
});
export type RecordDto = z.infer<typeof recordSchema>;

export const putRecordResultSchema = z.object({
  /** created: a new record; updated: a new version; unchanged: an identical resend, nothing done. */
  outcome: z.enum(['created', 'updated', 'unchanged']),
  record: recordSchema,
});
export type PutRecordResult = z.infer<typeof putRecordResultSchema>;

export const putPhotoResultSchema = z.object({
  outcome: z.enum(['created', 'unchanged']),
  photo: z.object({
    id: z.uuid(),
    recordId: z.uuid(),
    mime: z.literal('image/jpeg'),
    width: z.number().int(),
    height: z.number().int(),
    size: z.number().int(),
  }),
});

/** One flagged span in a rule-9 refusal (422 `neutral_language`, `details.spans`). */
export const ruleNineSpanSchema = z.object({
  recordId: z.uuid(),
  visitId: z.uuid(),
  /** notes, answer:<lookForId> or voice:<promptId> */
  field: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  phrase: z.string(),
  kind: z.enum(['pupil_name', 'staff_name', 'possible_name', 'about_teacher', 'judgement']),
  reason: z.string(),
  hint: z.string(),
  /** A pupil's name is never keepable. */
  keepable: z.boolean(),
});
export type RuleNineSpanDto = z.infer<typeof ruleNineSpanSchema>;

export const handInResultSchema = z.object({
  handedIn: z.number().int(),
  records: z.array(recordSchema),
});

export const captureLookForSchema = z.object({
  id: z.uuid(),
  prompt: z.string(),
  answerKind: z.enum(answerKinds),
  audience: z.enum(audiences),
  lensName: z.string(),
  looksLike: z.string().nullable(),
  doesNotMean: z.string().nullable(),
});
export type CaptureLookForDto = z.infer<typeof captureLookForSchema>;

export const routeVisitSchema = z.object({
  id: z.uuid(),
  order: z.number().int(),
  room: z.string(),
  building: z.string(),
  floor: z.number().int(),
  classCode: z.string(),
  subject: z.string(),
  yearGroup: z.string(),
  /** School-local wall-clock times, 'HH:MM'. */
  startsAt: z.string(),
  endsAt: z.string(),
  plannedStart: z.iso.datetime(),
  invited: z.boolean(),
  /** Whether capture will be accepted: prior warning was given, or the teacher invited the visit. */
  noticeGiven: z.boolean(),
  cancelled: z.boolean(),
});
export type RouteVisit = z.infer<typeof routeVisitSchema>;

export const captureBundleSchema = z.object({
  walk: z.object({
    id: z.uuid(),
    schoolId: z.uuid(),
    schoolName: z.string(),
    date: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    kind: z.enum(['learning', 'student_voice', 'health_and_safety']),
    status: z.enum(['draft', 'published', 'cancelled']),
    observerNames: z.array(z.string()),
  }),
  brief: z.object({
    focusTitle: z.string(),
    purpose: z.string(),
    lookFors: z.array(captureLookForSchema),
    /** Questions for pupils; shown when the walk is a student-voice walk or the focus has them. */
    studentVoicePrompts: z.array(captureLookForSchema),
    visitMinutes: z.number().int(),
  }),
  framework: z
    .object({
      versionId: z.uuid(),
      frameworkName: z.string(),
      versionNo: z.number().int(),
    })
    .nullable(),
  route: z.array(routeVisitSchema),
  /** For the neutral-language checker only; never shown as a list. */
  checkerNames: z.object({ staffNames: z.array(z.string()) }),
  records: z.array(recordSchema),
  /** The server's clock when the bundle was made, so a device can tell a stale copy. */
  fetchedAt: z.iso.datetime(),
});
export type CaptureBundle = z.infer<typeof captureBundleSchema>;
