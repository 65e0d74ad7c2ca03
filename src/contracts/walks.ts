import { z } from 'zod';
import { listQueryShape, pageFields } from './paging.ts';

const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2026-11-23.' });
const wallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Write times as HH:MM on the 24-hour clock.' });

export const walkKinds = ['learning', 'student_voice', 'health_and_safety'] as const;
export const walkStatuses = ['draft', 'published', 'cancelled'] as const;

export const walkParamsSchema = z.object({
  walkId: z.uuid({ error: 'A walk id is a UUID, as given by the programme page.' }),
});
export const visitParamsSchema = walkParamsSchema.extend({
  visitId: z.uuid({ error: 'A visit id is a UUID, as given by the walk page.' }),
});
export const invitationParamsSchema = z.object({
  invitationId: z.uuid({ error: 'An invitation id is a UUID, as given by the invitations list.' }),
});

/** The questions settled before a walk (seed 001, issue 16). */
const planningAnswer = z
  .string()
  .trim()
  .max(1000, { error: 'Keep each planning answer to 1,000 characters.' })
  .default('');
export const walkPlanningSchema = z
  .object({
    whoTakesPart: planningAnswer,
    roomsChosen: planningAnswer,
    teachersTold: planningAnswer,
    focusWhy: planningAnswer,
    feedbackHow: planningAnswer,
    feedbackInPerson: z.boolean().default(false),
    dataSharedWith: planningAnswer,
  })
  .strict();
export type WalkPlanningDto = z.infer<typeof walkPlanningSchema>;

export const walkInputSchema = z
  .object({
    /** The programme the walk belongs to; null with an offProgrammeReason. */
    programmeId: z.uuid().nullable().default(null),
    offProgrammeReason: z.string().trim().max(1000).nullable().default(null),
    kind: z.enum(walkKinds).default('learning'),
    date: isoDate,
    windowStart: wallTime,
    windowEnd: wallTime,
    /**
     * One of the school's foci; its title and purpose are used unless others are given. Every
     * walk needs one (it records against the focus's published framework version): without it
     * the server answers 422 `no_framework`, a clearer answer than a schema error.
     */
    focusId: z.uuid().nullable().default(null),
    focusTitle: z.string().trim().max(200).optional(),
    purpose: z.string().trim().max(2000).optional(),
    /**
     * Why the walk asks more look-fors than the school recommends (issue 21): without it such a
     * walk is refused with 422 `focus_reason_required`.
     */
    focusSizeReason: z.string().trim().max(1000).nullable().default(null),
    observerIds: z.array(z.uuid()).max(10),
    /** Focus filters: the planner proposes only lessons in these departments (none = any). */
    departmentIds: z.array(z.uuid()).max(50).default([]),
    /** …and in these year groups (none = any). */
    yearGroupIds: z.array(z.uuid()).max(30).default([]),
    /** The planning questions' answers; left out, the walk keeps what it had. */
    planning: walkPlanningSchema.optional(),
  })
  .strict();
export type WalkInput = z.infer<typeof walkInputSchema>;

export const observerSchema = z.object({ id: z.uuid(), fullName: z.string() });

export const visitSchema = z.object({
  id: z.uuid(),
  lessonId: z.uuid().nullable(),
  teacherId: z.uuid(),
  teacherName: z.string(),
  classCode: z.string(),
  room: z.string(),
  building: z.string(),
  floor: z.number().int(),
  department: z.string(),
  yearGroup: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  plannedStart: z.iso.datetime(),
  plannedEnd: z.iso.datetime(),
  order: z.number().int(),
  invited: z.boolean(),
  status: z.enum(['planned', 'cancelled']),
  reasons: z.array(z.string()),
  noticeSentAt: z.iso.datetime().nullable(),
  /** Moved or added inside the notice period: it goes ahead only if the teacher agrees. */
  needsTeacherAgreement: z.boolean(),
  teacherAgreedAt: z.iso.datetime().nullable(),
  /** The lesson's other teachers: the visit counts against their caps too. */
  coTeacherNames: z.array(z.string()),
});
export type Visit = z.infer<typeof visitSchema>;

export const protocolViolationSchema = z.object({
  rule: z.string(),
  code: z.string(),
  message: z.string(),
  limit: z.union([z.number(), z.string()]).optional(),
  subjectIds: z.array(z.string()),
  /** For a text rule: the words refused and a suggested rewrite. */
  phrase: z.string().optional(),
  suggestion: z.string().optional(),
});
export type ProtocolViolationDto = z.infer<typeof protocolViolationSchema>;

export const walkSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  programmeId: z.uuid().nullable(),
  programmeTitle: z.string().nullable(),
  programmeStatus: z.string().nullable(),
  offProgrammeReason: z.string().nullable(),
  /** How many look-fors the walk's focus asks, the school's recommendation, and why more (issue 21). */
  lookForCount: z.number().int(),
  recommendedLookFors: z.number().int(),
  focusSizeReason: z.string().nullable(),
  kind: z.enum(walkKinds),
  date: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  focusId: z.uuid().nullable(),
  focusTitle: z.string(),
  purpose: z.string(),
  status: z.enum(walkStatuses),
  publishedAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
  observers: z.array(observerSchema),
  /** The planning questions' answers, on a walk's own page (issue 16); absent in lists. */
  planning: z
    .object({
      whoTakesPart: z.string(),
      roomsChosen: z.string(),
      teachersTold: z.string(),
      focusWhy: z.string(),
      feedbackHow: z.string(),
      feedbackInPerson: z.boolean(),
      dataSharedWith: z.string(),
    })
    .nullable()
    .optional(),
  /** Focus filters (empty = any department, any year group). */
  departments: z.array(z.object({ id: z.uuid(), name: z.string() })),
  yearGroups: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type Walk = z.infer<typeof walkSchema>;

export const walkDetailSchema = z.object({
  walk: walkSchema,
  visits: z.array(visitSchema),
  /** What would stop the walk being published now (empty when it could be). */
  problems: z.array(protocolViolationSchema),
  canEdit: z.boolean(),
});
export type WalkDetail = z.infer<typeof walkDetailSchema>;

/** A school's walks, a page at a time, oldest first; from/to narrow it to a window of days (issue 22). */
const walkListDay = z.iso.date({ error: 'Give the day as YYYY-MM-DD, for example 2026-11-23.' });
export const walkListQuerySchema = z
  .object({
    page: listQueryShape.page,
    pageSize: z.coerce
      .number({ error: 'pageSize is a whole number from 1 to 200.' })
      .int({ error: 'pageSize is a whole number from 1 to 200.' })
      .min(1, { error: 'pageSize is a whole number from 1 to 200.' })
      .max(200, { error: 'pageSize is a whole number from 1 to 200.' })
      // Issue 22: a page a phone shows at once (the web list asks for 25).
      .default(50),
    from: walkListDay.optional(),
    to: walkListDay.optional(),
  })
  .strict();
export type WalkListQuery = z.infer<typeof walkListQuerySchema>;

export const walkListSchema = z.object({
  walks: z.array(walkSchema),
  canEdit: z.boolean(),
  ...pageFields,
});

/** A lesson that could be visited on the walk's day, for choosing by hand. */
export const candidateLessonSchema = z.object({
  lessonId: z.uuid(),
  teacherId: z.uuid(),
  teacherName: z.string(),
  classCode: z.string(),
  room: z.string(),
  building: z.string(),
  floor: z.number().int(),
  department: z.string(),
  yearGroup: z.string(),
  period: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type CandidateLesson = z.infer<typeof candidateLessonSchema>;
export const candidateListSchema = z.object({ lessons: z.array(candidateLessonSchema) });

export const proposalSchema = candidateLessonSchema.extend({
  /** The visit's own start and end inside the lesson (ten minutes by default). */
  visitStartsAt: z.string(),
  visitEndsAt: z.string(),
  order: z.number().int(),
  reasons: z.array(z.string()),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const planInputSchema = z
  .object({
    /** How many visits to propose; the planner may find fewer. */
    count: z.number().int().min(1).max(24).optional(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict();

export const planResultSchema = z.object({
  proposals: z.array(proposalSchema),
  /** Why the planner could not fill every slot, in plain words. */
  unfilled: z.array(z.string()),
  seed: z.number().int(),
});
export type PlanResult = z.infer<typeof planResultSchema>;

export const addVisitsSchema = z
  .object({
    visits: z
      .array(
        z
          .object({
            lessonId: z.uuid(),
            /** 'HH:MM' inside the lesson; default: the lesson's start (or the window's). */
            startsAt: wallTime.optional(),
            reasons: z.array(z.string().max(300)).max(12).default([]),
          })
          .strict(),
      )
      .min(1, { error: 'Choose at least one lesson.' })
      .max(24),
    /** Replace the walk's planned visits (accepting a whole proposal) instead of adding. */
    replace: z.boolean().default(false),
  })
  .strict();
export type AddVisits = z.infer<typeof addVisitsSchema>;

export const alternativesSchema = z.object({ alternatives: z.array(proposalSchema) });

export const swapInputSchema = z.object({ lessonId: z.uuid() }).strict();

export const cancelInputSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, { error: 'Say briefly why the walk is cancelled: staff are told.' })
      .max(1000),
  })
  .strict();

/** A teacher's own upcoming visit: what they were told. No record, no judgement. */
export const myVisitSchema = z.object({
  visitId: z.uuid(),
  walkId: z.uuid(),
  schoolName: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  classCode: z.string(),
  room: z.string(),
  focusTitle: z.string(),
  purpose: z.string(),
  observerNames: z.array(z.string()),
  invited: z.boolean(),
  /** I teach the lesson with its class teacher (the class teacher is asked to agree to changes). */
  coTaught: z.boolean(),
  /** The visit was moved (or added) inside the notice period: it goes ahead only if I agree. */
  needsAgreement: z.boolean(),
  agreedAt: z.iso.datetime().nullable(),
});
export const myVisitsSchema = z.object({ visits: z.array(myVisitSchema) });

export const myWalksSchema = z.object({ walks: z.array(walkSchema) });

export const invitationInputSchema = z
  .object({
    lessonId: z.uuid({ error: 'Choose one of your lessons.' }),
    date: isoDate,
    note: z.string().trim().max(1000).default(''),
  })
  .strict();

export const invitationSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  teacherName: z.string(),
  mine: z.boolean(),
  lessonId: z.uuid().nullable(),
  classCode: z.string(),
  date: z.string(),
  note: z.string(),
  status: z.enum(['open', 'accepted', 'declined', 'withdrawn']),
  walkId: z.uuid().nullable(),
  answerNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({
  invitations: z.array(invitationSchema),
  canAnswer: z.boolean(),
});

export const acceptInvitationSchema = z.object({ walkId: z.uuid() }).strict();
export const declineInvitationSchema = z
  .object({ note: z.string().trim().max(1000).default('') })
  .strict();

// Changes after publication.

/** A new time for a visit, on the same day, inside its lesson and the walk's window. */
export const moveVisitSchema = z
  .object({
    startsAt: wallTime,
  })
  .strict();
export type MoveVisit = z.infer<typeof moveVisitSchema>;

export const cancelVisitSchema = z
  .object({
    /** Told to the teacher when the walk is published. */
    reason: z.string().trim().max(500).default(''),
  })
  .strict();

export const observersInputSchema = z
  .object({
    observerIds: z.array(z.uuid()).max(10),
  })
  .strict();

export const declineVisitSchema = z
  .object({
    /** Optional, passed on with the cancellation. */
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export const declinedVisitSchema = z.object({
  visitId: z.uuid(),
  status: z.literal('cancelled'),
});

/** The plan-a-walk calendar's span (issue 21): one term by default. */
export const planningCalendarQuerySchema = z
  .object({ from: walkListDay.optional(), to: walkListDay.optional() })
  .strict();
export type PlanningCalendarQuery = z.infer<typeof planningCalendarQuerySchema>;

const calendarDaySchema = z.object({
  date: z.string(),
  teaching: z.boolean(),
  closed: z.object({ kind: z.string(), label: z.string() }).nullable(),
  walkIds: z.array(z.uuid()),
  observerIds: z.array(z.uuid()),
  atCapIds: z.array(z.uuid()),
  nearCapIds: z.array(z.uuid()),
});
export type CalendarDayDto = z.infer<typeof calendarDaySchema>;

/**
 * The plan-a-walk calendar (issue 21): teaching days, closures, the walks already planned, who
 * observes, and which teachers a visit that day would take to or past their cap. The people and
 * walks the days name are listed once beside them.
 */
export const planningCalendarSchema = z.object({
  from: z.string(),
  to: z.string(),
  termNames: z.array(z.string()),
  teachingDays: z.number().int(),
  visitCap: z.number().int(),
  capPeriod: z.string(),
  weeks: z.array(z.object({ weekOf: z.string(), days: z.array(calendarDaySchema) })),
  walks: z.array(
    z.object({
      id: z.uuid(),
      date: z.string(),
      kind: z.enum(walkKinds),
      status: z.enum(walkStatuses),
      title: z.string(),
      windowStart: z.string(),
      windowEnd: z.string(),
    }),
  ),
  people: z.array(z.object({ id: z.uuid(), fullName: z.string() })),
});
export type PlanningCalendar = z.infer<typeof planningCalendarSchema>;
