import { z } from 'zod';
import { ideasTakenAwaySchema } from './peer-walks.ts';

/**
 * Debriefs (issue 7): a leader opens a debrief for one walk or several on one focus; the app
 * prepares the pack (domain/debrief/pack.ts: aggregated, suppressed below k, no names); the
 * debrief records who took part, what was discussed, strengths, areas to develop and agreed
 * next steps; a staff summary (no one named) is published to all staff.
 */

export const debriefParamsSchema = z.object({
  debriefId: z.uuid({ error: 'A debrief id is a UUID, as given by the school’s debriefs list.' }),
});
export const schoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});

export const debriefParts = [
  'head',
  'curriculum_lead',
  'improvement_partner',
  'observer',
  'other',
] as const;
export const debriefPartLabels: Record<(typeof debriefParts)[number], string> = {
  head: 'Headteacher or senior leader',
  curriculum_lead: 'Curriculum lead',
  improvement_partner: 'School improvement partner',
  observer: 'Observer',
  other: 'Other',
};

export const createDebriefSchema = z
  .object({
    walkIds: z
      .array(z.uuid())
      .min(1, { error: 'Choose at least one walk to debrief.' })
      .max(12, { error: 'A debrief covers at most 12 walks.' }),
    title: z.string().trim().max(200).optional(),
  })
  .strict();

const line = z.string().trim().min(1).max(1000);

export const updateDebriefSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Give the debrief a title.' }).max(200),
    heldOn: z.iso.date({ error: 'Write dates as YYYY-MM-DD.' }).nullable(),
    discussion: z.string().max(10000),
    strengths: z.array(line).max(30),
    areasToDevelop: z.array(line).max(30),
    /** Agreed next steps in order; keep an id to keep its actions linked. */
    nextSteps: z.array(z.object({ id: z.uuid().optional(), text: line }).strict()).max(30),
    participants: z
      .array(
        z
          .object({
            personId: z.uuid(),
            part: z.enum(debriefParts),
            tookPart: z.boolean().default(false),
          })
          .strict(),
      )
      .max(40),
  })
  .strict();
export type UpdateDebrief = z.infer<typeof updateDebriefSchema>;

export const summaryInputSchema = z
  .object({
    text: z.string().max(10000, { error: 'A staff summary holds up to 10,000 characters.' }),
  })
  .strict();

export const debriefActionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(['todo', 'doing', 'done']),
  dueOn: z.iso.date(),
  ownerName: z.string(),
  priorityTitle: z.string(),
  followUpWalkId: z.uuid().nullable(),
});

/** The pack as built by the domain (DebriefPack); typed on the web from domain/debrief/pack.ts. */
export const packSchema = z.record(z.string(), z.unknown());

export const debriefSummarySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  title: z.string(),
  focusTitle: z.string(),
  heldOn: z.iso.date().nullable(),
  walkDates: z.array(z.iso.date()),
  summaryPublishedAt: z.iso.datetime().nullable(),
  nextSteps: z.number().int(),
});

export const debriefListSchema = z.object({
  debriefs: z.array(debriefSummarySchema),
  canEdit: z.boolean(),
  /** Walks that could be debriefed (published, not yet in a debrief), for leaders. */
  walks: z.array(
    z.object({
      id: z.uuid(),
      date: z.iso.date(),
      focusTitle: z.string(),
      focusId: z.uuid().nullable(),
      records: z.number().int(),
    }),
  ),
});

export const debriefDetailSchema = z.object({
  debrief: debriefSummarySchema.extend({
    discussion: z.string(),
    strengths: z.array(z.string()),
    areasToDevelop: z.array(z.string()),
    staffSummary: z.string(),
  }),
  walks: z.array(z.object({ id: z.uuid(), date: z.iso.date(), focusTitle: z.string() })),
  participants: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      part: z.enum(debriefParts),
      tookPart: z.boolean(),
    }),
  ),
  nextSteps: z.array(
    z.object({ id: z.uuid(), text: z.string(), actions: z.array(debriefActionSchema) }),
  ),
  pack: packSchema,
  /** When these walks follow up an earlier debrief's action: the earlier picture, beside the new. */
  earlier: z
    .object({
      debriefId: z.uuid(),
      title: z.string(),
      walkDates: z.array(z.iso.date()),
      actionTitle: z.string(),
      pack: packSchema,
    })
    .nullable(),
  canEdit: z.boolean(),
  /** The school's staff, to invite (leaders only; empty otherwise). */
  staff: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type DebriefDetail = z.infer<typeof debriefDetailSchema>;

export const staffSummarySchema = z.object({
  debriefId: z.uuid(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  title: z.string(),
  focusTitle: z.string(),
  walkDates: z.array(z.iso.date()),
  heldOn: z.iso.date().nullable(),
  publishedAt: z.iso.datetime(),
  text: z.string(),
  strengths: z.array(z.string()),
  areasToDevelop: z.array(z.string()),
  nextSteps: z.array(z.string()),
  /** Peer walks (issue 15): ideas the walks' observers chose to share, without names. */
  ideasTakenAway: ideasTakenAwaySchema,
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;
export const staffSummaryListSchema = z.object({ summaries: z.array(staffSummarySchema) });
