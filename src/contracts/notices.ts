import { z } from 'zod';

export const noticeKinds = [
  'walk_published',
  'observing_walk',
  'visit_moved',
  'visit_cancelled',
  'visit_added',
  'observers_changed',
  'walk_cancelled',
  'observer_added',
  'observer_removed',
  'agreement_given',
  'records_handed_in',
  'review_opened',
  'observer_left',
  'consultation_opened',
  'amendment_opened',
  'review_due',
  // issue 21: every mail about a person's own work has its notice
  'programme_published',
  'programme_comment',
  'action_assigned',
  'action_due',
  'debrief_invited',
  'record_response',
  'record_flagged',
  'flag_settled',
  'visit_shared',
  // Concerns (issue 16)
  'concern_raised',
  'concern_support_asked',
  'concern_updated',
  'concern_overdue',
  // Feedback conversations and the practice library (issue 16)
  'feedback_offered',
  'practice_consent_asked',
  // Site walks (issue 14)
  'site_walk_notice',
  'site_urgent_alert',
  'site_action_assigned',
  'site_action_overdue',
  'site_walk_due',
  // Issue 15: low agreement to the framework's owners; walks across schools
  'agreement_low',
  'visiting_walk_proposed',
  'visiting_walk_agreed',
  'visiting_walk_declined',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeSchema = z.object({
  id: z.uuid(),
  kind: z.enum(noticeKinds),
  title: z.string(),
  body: z.string(),
  /** A path in the web app. */
  link: z.string().nullable(),
  walkId: z.uuid().nullable(),
  visitId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  /** Present when this notice asks the reader (the visited teacher) to agree to a moved visit. */
  agreement: z
    .object({
      visitId: z.uuid(),
      agreedAt: z.iso.datetime().nullable(),
      /** False once the visit is cancelled. */
      open: z.boolean(),
    })
    .nullable(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const noticeListSchema = z.object({
  notices: z.array(noticeSchema),
  unreadCount: z.number().int(),
});
export type NoticeList = z.infer<typeof noticeListSchema>;

export const noticeQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'limit is at least 1.' })
    .max(200, { error: 'limit is at most 200.' })
    .default(50),
  unread: z
    .enum(['true', 'false'], { error: 'unread is "true" or "false".' })
    .default('false')
    .transform((v) => v === 'true'),
});

export const noticeParamsSchema = z.object({
  noticeId: z.uuid({ error: 'A notice id is a UUID, as given by GET /api/me/notices.' }),
});

export const noticeReadSchema = z.object({ id: z.uuid(), readAt: z.iso.datetime() });
export const noticesReadSchema = z.object({ marked: z.number().int() });

export const agreementParamsSchema = z.object({
  visitId: z.uuid({ error: 'A visit id is a UUID, as given in the notice.' }),
});
export const agreementSchema = z.object({ visitId: z.uuid(), agreedAt: z.iso.datetime() });

// Calendar feeds
export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  lastReadAt: z.iso.datetime().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

export const calendarFeedCreatedSchema = z.object({
  /** The private address: shown once, never stored in clear. */
  url: z.string(),
  /** The same address with the webcal: scheme, which calendar apps open directly. */
  webcalUrl: z.string(),
  createdAt: z.iso.datetime(),
  /** True when an older address was revoked by this one. */
  replaced: z.boolean(),
});
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

export const calendarFileParamsSchema = z.object({
  file: z
    .string()
    .max(200)
    .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,100}\.ics$/, {
      error: 'A calendar feed address ends in <token>.ics, as given when the feed was made.',
    }),
});

// The protocol report
export const protocolReportParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
  programmeId: z.uuid({
    error: 'A programme id is a UUID, as given by GET /api/schools/{schoolId}/programmes.',
  }),
});

export const termReportQuerySchema = z.object({
  termId: z.uuid({ error: 'Give termId: a term id of the school’s calendar (a UUID).' }),
});

const reportRowSchema = z.object({
  /** The rule's number in DESIGN.md §3; null for the other checks. */
  number: z.number().int().nullable(),
  rule: z.string(),
  label: z.string(),
  /** "not_measured": the report cannot compute the evidence, and says why. */
  status: z.enum(['kept', 'broken', 'not_applicable', 'not_measured']),
  evidence: z.array(z.string()),
  violations: z.number().int(),
});

export const protocolReportSchema = z.object({
  title: z.string(),
  scope: z.object({
    kind: z.enum(['programme', 'term']),
    id: z.uuid(),
    schoolId: z.uuid(),
    schoolName: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
  }),
  generatedAt: z.iso.datetime(),
  walks: z.number().int(),
  visits: z.number().int(),
  allKept: z.boolean(),
  /** The thirteen rules of DESIGN.md §3, in order. */
  rows: z.array(reportRowSchema),
  /** Checks beside the rules: teaching days only, spread over the week and the day. */
  otherChecks: z.array(reportRowSchema),
  /** Counts only: how many teachers had n visits, how many visits had n days' notice. Nobody is named. */
  distributions: z.object({
    visitsPerTeacher: z.array(z.object({ visits: z.number().int(), teachers: z.number().int() })),
    noticeSchoolDays: z.array(z.object({ schoolDays: z.number().int(), visits: z.number().int() })),
    /** "Different times" (issue 16): visits by period, weekday and half term. */
    byPeriod: z.array(z.object({ period: z.string(), visits: z.number().int() })),
    byWeekday: z.array(z.object({ weekday: z.string(), visits: z.number().int() })),
    byHalfTerm: z.array(z.object({ halfTerm: z.string(), visits: z.number().int() })),
  }),
  /** Feedback as agreed (issue 16): conversations offered, held, and written preferred. */
  feedback: z.object({
    offered: z.number().int(),
    given: z.number().int(),
    writtenPreferred: z.number().int(),
  }),
  /** Recurring site inspections (issue 14): done against the schedule so far. */
  siteInspections: z.array(
    z.object({ schedule: z.string(), due: z.number().int(), done: z.number().int() }),
  ),
  settings: z.object({
    maxObservers: z.number().int(),
    noticeSchoolDays: z.number().int(),
    cap: z.string(),
    visitMinutes: z.number().int(),
    maxRoomsPerHour: z.number().int(),
  }),
});
export type ProtocolReportDto = z.infer<typeof protocolReportSchema>;
