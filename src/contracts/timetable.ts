import { z } from 'zod';
import { isClockTime } from '../domain/setup/periods.ts';
import { listQueryShape, pageFields } from './paging.ts';

const schoolId = z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' });

export const departmentParamsSchema = z.object({
  schoolId,
  departmentId: z.uuid({ error: 'A department id is a UUID, as given by GET /api/schools/{id}.' }),
});
export const yearGroupParamsSchema = z.object({
  schoolId,
  yearGroupId: z.uuid({ error: 'A year group id is a UUID, as given by GET /api/schools/{id}.' }),
});
export const periodParamsSchema = z.object({
  schoolId,
  periodId: z.uuid({ error: 'A period id is a UUID, as given by GET /api/schools/{id}.' }),
});
export const lessonParamsSchema = z.object({
  schoolId,
  lessonId: z.uuid({ error: 'A lesson id is a UUID, as given by the lessons list.' }),
});

const named = (what: string, max: number, example: string) =>
  z
    .object({
      name: z
        .string()
        .trim()
        .min(1, { error: `Enter the ${what}’s name, like "${example}".` })
        .max(max, { error: `A ${what} name can be at most ${max} characters.` }),
    })
    .strict();

export const departmentInputSchema = named('department', 100, 'Mathematics');
export const yearGroupInputSchema = named('year group', 50, 'Year 7');

export const departmentSchema = z.object({ id: z.uuid(), name: z.string() });
export const yearGroupSchema = z.object({ id: z.uuid(), name: z.string() });
export const periodSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type PeriodOfDay = z.infer<typeof periodSchema>;

const clock = (what: string, example: string) =>
  z.string().refine(isClockTime, {
    error: `Give the ${what} as HH:MM on the 24-hour clock, like ${example}.`,
  });

export const periodInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'Enter the period’s name, like "Period 1".' })
      .max(50, { error: 'A period name can be at most 50 characters.' }),
    startsAt: clock('start time', '08:50'),
    endsAt: clock('end time', '09:50'),
  })
  .strict();
export type PeriodInput = z.infer<typeof periodInputSchema>;

export const cycleInputSchema = z
  .object({
    cycleWeeks: z.union([z.literal(1), z.literal(2)], {
      error: 'The timetable repeats every 1 week or every 2 weeks (week A / week B).',
    }),
  })
  .strict();

export const lessonSchema = z.object({
  id: z.uuid(),
  classCode: z.string(),
  department: departmentSchema,
  yearGroup: yearGroupSchema,
  teacher: z.object({ id: z.uuid(), fullName: z.string() }),
  coTeachers: z.array(z.object({ id: z.uuid(), fullName: z.string() })),
  room: z.object({ id: z.uuid(), name: z.string() }),
  cycleWeek: z.number().int(),
  weekday: z.number().int(),
  period: periodSchema,
});
export type Lesson = z.infer<typeof lessonSchema>;

export const lessonListQuerySchema = z
  .object({
    ...listQueryShape,
    teacherId: z.uuid({ error: 'teacherId is a person id, from the staff list.' }).optional(),
    roomId: z.uuid({ error: 'roomId is a room id, from the rooms list.' }).optional(),
    weekday: z.coerce
      .number()
      .int()
      .min(1, { error: 'weekday is 1 (Monday) to 5 (Friday).' })
      .max(5, { error: 'weekday is 1 (Monday) to 5 (Friday).' })
      .optional(),
    cycleWeek: z.coerce
      .number()
      .int()
      .min(1, { error: 'cycleWeek is 1 or 2.' })
      .max(2, { error: 'cycleWeek is 1 or 2.' })
      .optional(),
  })
  .strict();
export type LessonListQuery = z.infer<typeof lessonListQuerySchema>;

export const lessonPageSchema = z.object({ items: z.array(lessonSchema), ...pageFields });
export type LessonPage = z.infer<typeof lessonPageSchema>;

export const lessonInputSchema = z
  .object({
    classCode: z
      .string()
      .trim()
      .min(1, {
        error: 'Enter the class code, like "9A/Ma1". Classes are named by code, never by pupils.',
      })
      .max(30, { error: 'A class code can be at most 30 characters.' }),
    departmentId: z.uuid({ error: 'Choose the subject.' }),
    yearGroupId: z.uuid({ error: 'Choose the year group.' }),
    teacherId: z.uuid({ error: 'Choose the teacher.' }),
    coTeacherIds: z
      .array(z.uuid({ error: 'A co-teacher is named by their person id, from the staff list.' }))
      .max(5, { error: 'A lesson can have at most 5 co-teachers.' })
      .refine((ids) => new Set(ids).size === ids.length, {
        error: 'Each co-teacher may appear once.',
      })
      .default([]),
    roomId: z.uuid({ error: 'Choose the room.' }),
    cycleWeek: z
      .number({ error: 'Choose week 1 (A) or week 2 (B).' })
      .int()
      .min(1, { error: 'Choose week 1 (A) or week 2 (B).' })
      .max(2, { error: 'Choose week 1 (A) or week 2 (B).' })
      .default(1),
    weekday: z
      .number({ error: 'Choose the day, 1 (Monday) to 5 (Friday).' })
      .int()
      .min(1, { error: 'Choose the day, 1 (Monday) to 5 (Friday).' })
      .max(5, { error: 'Choose the day, 1 (Monday) to 5 (Friday).' }),
    periodId: z.uuid({ error: 'Choose the period.' }),
  })
  .strict();
export type LessonInput = z.infer<typeof lessonInputSchema>;
export type LessonInputRaw = z.input<typeof lessonInputSchema>;

export const lessonResponseSchema = z.object({ lesson: lessonSchema });
