import { z } from 'zod';

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

export const schoolDetailSchema = schoolSummarySchema.extend({
  timeZone: z.string(),
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
