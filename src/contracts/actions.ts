import { z } from 'zod';

/**
 * The school improvement plan's priorities and the actions that carry next steps into it
 * (issue 7): owner, due date, status, notes, a priority, the debrief step it came from, and a
 * follow-up walk on the same focus. A board per school; reminders by email before they are due.
 */

export const actionStatuses = ['todo', 'doing', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = {
  todo: 'To do',
  doing: 'Doing',
  done: 'Done',
};

export const schoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});
export const priorityParamsSchema = z.object({
  priorityId: z.uuid({ error: 'A priority id is a UUID, as given by the school’s priorities.' }),
});
export const actionParamsSchema = z.object({
  actionId: z.uuid({ error: 'An action id is a UUID, as given by the school’s actions board.' }),
});

const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2027-01-29.' });

export const priorityInputSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Give the priority a title.' }).max(200),
    description: z.string().trim().max(2000).default(''),
    archived: z.boolean().default(false),
  })
  .strict();

export const prioritySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  archived: z.boolean(),
  openActions: z.number().int(),
  doneActions: z.number().int(),
});
export type Priority = z.infer<typeof prioritySchema>;
export const priorityListSchema = z.object({
  priorities: z.array(prioritySchema),
  canEdit: z.boolean(),
});

export const actionInputSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Say what the action is.' }).max(300),
    notes: z.string().trim().max(5000).default(''),
    ownerId: z.uuid({ error: 'Choose who owns the action.' }),
    dueOn: isoDate,
    priorityId: z.uuid({ error: 'Link the action to one of the school’s improvement priorities.' }),
    /** The debrief and agreed next step the action carries forward, if any. */
    debriefId: z.uuid().nullable().default(null),
    nextStepId: z.uuid().nullable().default(null),
    status: z.enum(actionStatuses).default('todo'),
  })
  .strict();
export type ActionInput = z.infer<typeof actionInputSchema>;

export const statusInputSchema = z
  .object({ status: z.enum(actionStatuses), notes: z.string().trim().max(5000).optional() })
  .strict();

export const actionSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  title: z.string(),
  notes: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.iso.date(),
  status: z.enum(actionStatuses),
  /** Past its due date and not done (in the school's own days). */
  overdue: z.boolean(),
  priorityId: z.uuid(),
  priorityTitle: z.string(),
  debriefId: z.uuid().nullable(),
  debriefTitle: z.string().nullable(),
  nextStepText: z.string().nullable(),
  followUpWalk: z
    .object({ id: z.uuid(), date: z.iso.date(), status: z.string(), focusTitle: z.string() })
    .nullable(),
  completedAt: z.iso.datetime().nullable(),
});
export type ActionDto = z.infer<typeof actionSchema>;

export const boardSchema = z.object({
  schoolName: z.string(),
  today: z.iso.date(),
  columns: z.object({
    todo: z.array(actionSchema),
    doing: z.array(actionSchema),
    done: z.array(actionSchema),
  }),
  priorities: z.array(prioritySchema),
  canEdit: z.boolean(),
  /** Possible owners and observers (leaders only). */
  staff: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Debriefs with their agreed next steps, to link a new action to (leaders only). */
  debriefs: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      nextSteps: z.array(z.object({ id: z.uuid(), text: z.string() })),
    }),
  ),
});
export type Board = z.infer<typeof boardSchema>;

export const myActionsSchema = z.object({ actions: z.array(actionSchema) });

const wallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Write times as HH:MM on the 24-hour clock.' });

export const followUpInputSchema = z
  .object({
    date: isoDate,
    windowStart: wallTime,
    windowEnd: wallTime,
    observerIds: z.array(z.uuid()).max(2),
    programmeId: z.uuid().nullable().default(null),
    offProgrammeReason: z.string().trim().max(1000).nullable().default(null),
  })
  .strict();
export type FollowUpInput = z.infer<typeof followUpInputSchema>;
