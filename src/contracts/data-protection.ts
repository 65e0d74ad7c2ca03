import { z } from 'zod';
import { listQueryShape, pageFields } from './paging.ts';

/** Data protection (issue 17): retention, subject-access requests, end of contract, audit log. */

const whole = (what: string) =>
  z
    .number({ error: `${what} must be a whole number.` })
    .int({ error: `${what} must be a whole number.` });

export const retentionSettingsSchema = z
  .object({
    recordsSchoolYears: whole('Records'),
    concernsYears: whole('Concerns'),
    auditYears: whole('Audit trail'),
    noticesDays: whole('Notices'),
    mailDays: whole('Mail outbox'),
    signInDays: whole('Sign-in traces'),
  })
  .strict();
export type RetentionSettingsBody = z.infer<typeof retentionSettingsSchema>;

const boundSchema = z.object({ min: z.number().int(), max: z.number().int() });

export const retentionRunSchema = z.object({
  ranAt: z.string(),
  counts: z.record(z.string(), z.number()),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const retentionSchema = z.object({
  settings: retentionSettingsSchema,
  defaults: retentionSettingsSchema,
  bounds: z.record(z.string(), boundSchema),
  /** Whether the trust has chosen its own settings (else the defaults apply). */
  chosen: z.boolean(),
  updatedAt: z.string().nullable(),
  /** The latest nightly runs, newest first. */
  runs: z.array(retentionRunSchema),
});
export type Retention = z.infer<typeof retentionSchema>;

/** A subject-access export: the zip (JSON, photos and a readable PDF) as base64. */
export const subjectAccessExportSchema = z.object({
  fileName: z.string(),
  zipBase64: z.string(),
  counts: z.record(z.string(), z.number()),
});
export type SubjectAccessExportBody = z.infer<typeof subjectAccessExportSchema>;

/** With `Accept: application/x-ndjson`, a long export answers with progress lines, then its result. */
export type ProgressLine =
  | { type: 'progress'; phase: string; message: string; done: number; total: number }
  | { type: 'result'; status: number; body: unknown };

export const trustExportSchema = subjectAccessExportSchema;

export const trustDeletionRequestSchema = z
  .object({
    /** The trust's short name, typed as confirmation. */
    confirm: z.string({ error: 'Type the trust’s short name to confirm.' }).max(100),
  })
  .strict();

export const trustDeletionSchema = z.object({
  slug: z.string(),
  name: z.string(),
  rowsDeleted: z.number().int(),
  tablesChecked: z.number().int(),
});
export type TrustDeletionBody = z.infer<typeof trustDeletionSchema>;

const day = z.iso.date({ error: 'Use a date as YYYY-MM-DD.' });

/** The audit log's filters: who (name or email), what (action), when, which school. */
export const auditQuerySchema = z
  .object({
    ...listQueryShape,
    person: z.string().trim().max(100).default(''),
    action: z.string().trim().max(100).default(''),
    from: day.optional(),
    to: day.optional(),
    school: z.uuid({ error: 'school is a school’s id.' }).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  /** The person the event is about, when its subject is a person. */
  subjectName: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  ...pageFields,
  /** Every kind of event the trust's log holds, for the filter. */
  actions: z.array(z.string()),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** Who read the records of my visits (a visited teacher's own view). */
export const recordReadersSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      reader: z.string(),
      what: z.enum(['record', 'photo']),
      visitDate: z.string(),
      classCode: z.string(),
    }),
  ),
});
export type RecordReaders = z.infer<typeof recordReadersSchema>;
