import { z } from 'zod';
import { closureKinds } from '../domain/calendar/calendar.ts';
import { isCalendarDay, isKnownTimeZone } from '../domain/setup/calendar.ts';

export const phaseSchema = z.enum([
  'primary',
  'secondary',
  'all_through',
  'special',
  'alternative',
]);

export const schoolSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phase: phaseSchema,
  urn: z.string().nullable(),
  staffCount: z.number().int(),
  roomCount: z.number().int(),
  lessonsPerCycle: z.number().int(),
  cycleWeeks: z.number().int(),
});
export type SchoolSummary = z.infer<typeof schoolSummarySchema>;

export const schoolListSchema = z.object({ schools: z.array(schoolSummarySchema) });

export const termSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type SchoolTerm = z.infer<typeof termSchema>;

export const closureKindSchema = z.enum(['inset', 'exams', 'holiday', 'closure']);

export const closureSchema = z.object({
  id: z.uuid(),
  kind: closureKindSchema,
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type SchoolClosure = z.infer<typeof closureSchema>;

export const schoolDetailSchema = schoolSummarySchema.extend({
  timeZone: z.string(),
  address: z.string(),
  terms: z.array(termSchema),
  closures: z.array(closureSchema),
  /** May this person edit the school's details and calendar (trust admins)? */
  canEdit: z.boolean(),
  /** May this person manage staff, rooms and the timetable (trust admins, the school's leaders)? */
  canManageSetup: z.boolean(),
  departments: z.array(z.object({ id: z.uuid(), name: z.string() })),
  yearGroups: z.array(z.object({ id: z.uuid(), name: z.string() })),
  periods: z.array(
    z.object({ id: z.uuid(), name: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
});
export type SchoolDetail = z.infer<typeof schoolDetailSchema>;

export const schoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});

export const personParamsSchema = schoolParamsSchema.extend({
  personId: z.uuid({ error: 'A person id is a UUID, as given by the staff list.' }),
});

export const staffListSchema = z.object({
  staff: z.array(
    z.object({
      id: z.uuid(),
      fullName: z.string(),
      email: z.string(),
      roles: z.array(z.string()),
    }),
  ),
});

export const roomListSchema = z.object({
  rooms: z.array(
    z.object({ id: z.uuid(), name: z.string(), building: z.string(), floor: z.number().int() }),
  ),
});

export const timetableSchema = z.object({
  person: z.object({ id: z.uuid(), fullName: z.string() }),
  cycleWeeks: z.number().int(),
  /**
   * The school calendar the timetable runs on (issue 21): terms, closures and the Monday of a
   * week A, so a date's lessons (domain/calendar/day-lessons.ts) can be worked out.
   */
  calendar: z.object({
    terms: z.array(z.object({ name: z.string(), startsOn: z.string(), endsOn: z.string() })),
    closures: z.array(
      z.object({
        kind: z.enum(closureKinds),
        label: z.string(),
        startsOn: z.string(),
        endsOn: z.string(),
      }),
    ),
    cycleAnchor: z.string().nullable(),
  }),
  periods: z.array(
    z.object({ id: z.uuid(), name: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
  lessons: z.array(
    z.object({
      id: z.uuid(),
      classCode: z.string(),
      subject: z.string(),
      yearGroup: z.string(),
      room: z.string(),
      cycleWeek: z.number().int(),
      weekday: z.number().int(),
      periodId: z.uuid(),
    }),
  ),
});
export type Timetable = z.infer<typeof timetableSchema>;

// Creating and editing a school (trust admins).

const day = (what: string) =>
  z.string().refine(isCalendarDay, { error: `Give the ${what} as a date (YYYY-MM-DD).` });

export const schoolInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'Enter the school’s name.' })
      .max(200, { error: 'A school name can be at most 200 characters.' }),
    phase: z.enum(['primary', 'secondary', 'all_through', 'special', 'alternative'], {
      error: 'Choose the phase: primary, secondary, all_through, special or alternative.',
    }),
    urn: z
      .string()
      .trim()
      .nullable()
      .default(null)
      .transform((u) => (u ? u : null))
      .refine((u) => u === null || /^[0-9]{6,7}$/.test(u), {
        error:
          'A URN (unique reference number) has 6 or 7 digits, as on Get Information about Schools.',
      }),
    address: z
      .string()
      .trim()
      .max(500, { error: 'An address can be at most 500 characters.' })
      .default(''),
    timeZone: z.string().default('Europe/London').refine(isKnownTimeZone, {
      error: 'Choose a time zone by its IANA name, like Europe/London.',
    }),
  })
  .strict();
export type SchoolInput = z.infer<typeof schoolInputSchema>;
export type SchoolInputRaw = z.input<typeof schoolInputSchema>;

export const createSchoolSchema = schoolInputSchema
  .extend({
    cycleWeeks: z
      .union([z.literal(1), z.literal(2)], {
        error: 'The timetable repeats every 1 week or every 2 weeks (week A / week B).',
      })
      .default(1),
  })
  .strict();
export type CreateSchool = z.infer<typeof createSchoolSchema>;

export const termParamsSchema = schoolParamsSchema.extend({
  termId: z.uuid({ error: 'A term id is a UUID, as given by GET /api/schools/{id}.' }),
});
export const closureParamsSchema = schoolParamsSchema.extend({
  closureId: z.uuid({
    error: 'A non-teaching day id is a UUID, as given by GET /api/schools/{id}.',
  }),
});

export const termInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'Name the term, like "Autumn 2026".' })
      .max(100, { error: 'A term name can be at most 100 characters.' }),
    startsOn: day('first day of the term'),
    endsOn: day('last day of the term'),
  })
  .strict();
export type TermInput = z.infer<typeof termInputSchema>;

export const closureInputSchema = z
  .object({
    kind: closureKindSchema.default('inset'),
    label: z
      .string()
      .trim()
      .min(1, { error: 'Describe the day, like "INSET day" or "Year 11 mocks".' })
      .max(100, { error: 'A description can be at most 100 characters.' }),
    startsOn: day('first day'),
    endsOn: day('last day'),
  })
  .strict();
export type ClosureInput = z.infer<typeof closureInputSchema>;

export const termResponseSchema = z.object({ term: termSchema });
export const closureResponseSchema = z.object({ closure: closureSchema });
