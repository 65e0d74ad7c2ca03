import { z } from 'zod';
import { actionStatuses, findingOutcomes } from '../domain/site-walks/actions.ts';
import { areaKinds } from '../domain/site-walks/areas.ts';
import { riskBands } from '../domain/site-walks/risk.ts';
import { cadences } from '../domain/site-walks/schedule.ts';

/**
 * Site walks (issue 14): health-and-safety walks over places (the school's estate), their
 * findings per place and checklist item, the site actions they raise, recurring inspections and
 * the reports. Findings are about places; no response names a teacher.
 */

const uuid = (what: string) => z.uuid({ error: `${what} is a UUID.` });
const isoDate = z.iso.date({ error: 'Write dates as YYYY-MM-DD, such as 2027-01-29.' });
const wallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Write times as HH:MM on the 24-hour clock.' });
const level = z
  .number({ error: 'Likelihood and severity are whole numbers from 1 to 5.' })
  .int({ error: 'Likelihood and severity are whole numbers from 1 to 5.' })
  .min(1, { error: 'Likelihood and severity are whole numbers from 1 to 5.' })
  .max(5, { error: 'Likelihood and severity are whole numbers from 1 to 5.' });

export const schoolParamsSchema = z.object({ schoolId: uuid('A school id') });
export const siteWalkParamsSchema = z.object({ walkId: uuid('A site walk id') });
export const placeParamsSchema = z.object({
  schoolId: uuid('A school id'),
  roomId: uuid('A place id'),
});
export const findingParamsSchema = z.object({ findingId: uuid('A finding id') });
export const findingPhotoParamsSchema = z.object({
  findingId: uuid('A finding id'),
  photoId: uuid('A photo id'),
});
export const siteActionParamsSchema = z.object({ actionId: uuid('A site action id') });
export const siteActionPhotoParamsSchema = z.object({
  actionId: uuid('A site action id'),
  photoId: uuid('A photo id'),
});
export const guestParamsSchema = z.object({
  walkId: uuid('A site walk id'),
  guestId: uuid('A guest id'),
});

// ---------------------------------------------------------------------------------------------
// The estate
// ---------------------------------------------------------------------------------------------

export const placeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  building: z.string(),
  floor: z.number().int(),
  kind: z.enum(areaKinds),
  teaching: z.boolean(),
  openActions: z.number().int(),
});
export type Place = z.infer<typeof placeSchema>;

export const estateSchema = z.object({
  places: z.array(placeSchema),
  canEdit: z.boolean(),
  /** For planning (site managers and leaders only): the school's staff and the checklists. */
  people: z.array(z.object({ id: z.uuid(), name: z.string(), siteManager: z.boolean() })),
  checklists: z.array(z.object({ versionId: z.uuid(), name: z.string() })),
});

export const placeInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the place, like "Main corridor".' }).max(50),
    building: z.string().trim().min(1, { error: 'Name the building.' }).max(100),
    floor: z.number().int().min(-5).max(50),
    kind: z.enum(areaKinds, { error: 'Choose what kind of area this is.' }),
    teaching: z.boolean().optional(),
  })
  .strict();

export const placeKindInputSchema = z
  .object({ kind: z.enum(areaKinds), teaching: z.boolean().optional() })
  .strict();

// ---------------------------------------------------------------------------------------------
// Planning a site walk
// ---------------------------------------------------------------------------------------------

export const siteWalkInputSchema = z
  .object({
    date: isoDate,
    windowStart: wallTime,
    windowEnd: wallTime,
    leadId: uuid('The lead'),
    /** A second member of staff who walks the whole route (the site manager, say). */
    companionId: z.uuid().nullable().default(null),
    checklistVersionId: uuid('The checklist'),
    howResultsUsed: z
      .string()
      .trim()
      .min(10, { error: 'Say how the results will be used, in a sentence or two.' })
      .max(2000),
    namesRooms: z.boolean(),
    places: z
      .array(
        z
          .object({
            roomId: uuid('A place'),
            startsAt: wallTime.optional(),
            /** A specialist checklist for this place; default the walk's. */
            checklistVersionId: z.uuid().optional(),
            specialistId: z.uuid().nullable().default(null),
          })
          .strict(),
      )
      .min(1, { error: 'Choose at least one place to walk.' })
      .max(100),
    guests: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, { error: 'Name the guest.' }).max(200),
            organisation: z.string().trim().max(200).default(''),
          })
          .strict(),
      )
      .max(2)
      .default([]),
  })
  .strict();
export type SiteWalkInput = z.infer<typeof siteWalkInputSchema>;

export const checklistItemSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  prompt: z.string(),
  category: z.string(),
});

export const placeActionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  itemId: z.uuid(),
  band: z.enum(riskBands),
  status: z.enum(actionStatuses),
  targetDate: z.string(),
  closedAt: z.iso.datetime().nullable(),
  closureNote: z.string().nullable(),
});

export const findingSchema = z.object({
  id: z.uuid(),
  placeId: z.uuid(),
  itemId: z.uuid(),
  outcome: z.enum(findingOutcomes),
  likelihood: z.number().int().nullable(),
  severity: z.number().int().nullable(),
  band: z.enum(riskBands).nullable(),
  notes: z.string(),
  makeSafe: z.boolean(),
  byGuest: z.boolean(),
  actionId: z.uuid().nullable(),
  photoIds: z.array(z.uuid()),
  recordedAt: z.iso.datetime(),
});
export type Finding = z.infer<typeof findingSchema>;

export const siteWalkSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  date: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  status: z.enum(['draft', 'published', 'cancelled']),
  lead: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  walkers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  checklist: z.object({ versionId: z.uuid(), name: z.string() }),
  howResultsUsed: z.string(),
  namesRooms: z.boolean(),
  guests: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      organisation: z.string(),
      linkIssued: z.boolean(),
      linkUsed: z.boolean(),
    }),
  ),
  places: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      building: z.string(),
      floor: z.number().int(),
      kind: z.enum(areaKinds),
      teaching: z.boolean(),
      startsAt: z.string(),
      endsAt: z.string(),
      specialist: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      checklist: z.object({ versionId: z.uuid(), name: z.string() }),
      items: z.array(checklistItemSchema),
      /** Open actions and those closed in the last 90 days: what this walk checks and verifies. */
      actions: z.array(placeActionSchema),
    }),
  ),
  findings: z.array(findingSchema),
  teachersNoticed: z.number().int(),
  canManage: z.boolean(),
  canRecord: z.boolean(),
});
export type SiteWalk = z.infer<typeof siteWalkSchema>;

export const siteWalkResponseSchema = z.object({ siteWalk: siteWalkSchema });

export const siteWalkListSchema = z.object({
  walks: z.array(
    z.object({
      id: z.uuid(),
      date: z.string(),
      windowStart: z.string(),
      status: z.enum(['draft', 'published', 'cancelled']),
      checklistName: z.string(),
      places: z.number().int(),
      findings: z.number().int(),
      scheduled: z.boolean(),
    }),
  ),
});

export const publishResultSchema = z.object({
  siteWalk: siteWalkSchema,
  teachersNoticed: z.number().int(),
});

export const guestLinkSchema = z.object({
  /** The single-use link: shown once, to the lead, who gives it to the guest. */
  url: z.string(),
  expiresAt: z.iso.datetime(),
});

export const printableChecklistSchema = z.object({
  walk: z.object({
    date: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    howResultsUsed: z.string(),
    namesRooms: z.boolean(),
  }),
  checklists: z.array(
    z.object({
      name: z.string(),
      categories: z.array(z.object({ name: z.string(), items: z.array(z.string()) })),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Capture
// ---------------------------------------------------------------------------------------------

export const findingInputSchema = z
  .object({
    walkId: uuid('The site walk'),
    placeId: uuid('The place'),
    itemId: uuid('The checklist item'),
    outcome: z.enum(findingOutcomes, {
      error: 'Choose satisfactory, needs attention or not applicable.',
    }),
    likelihood: level.nullable().default(null),
    severity: level.nullable().default(null),
    notes: z.string().max(4000).default(''),
    makeSafe: z.boolean().default(false),
  })
  .strict();
export type FindingInput = z.infer<typeof findingInputSchema>;

export const putFindingResultSchema = z.object({
  outcome: z.enum(['created', 'unchanged', 'updated']),
  finding: findingSchema,
  /** True when this request raised the urgent alert (false on every resend). */
  alertSent: z.boolean(),
});

export const putSitePhotoResultSchema = z.object({
  outcome: z.enum(['created', 'unchanged']),
  photo: z.object({ id: z.uuid(), width: z.number(), height: z.number(), size: z.number() }),
});

export const guestOpenInputSchema = z
  .object({ link: z.string().min(10).max(300, { error: 'That is not a guest link.' }) })
  .strict();
export const guestOpenResultSchema = z.object({
  /** Sent back as `Authorization: Guest <token>` on the guest's requests for this walk. */
  token: z.string(),
  walkId: z.uuid(),
});
export const guestWalkSchema = z.object({
  guest: z.object({ name: z.string(), organisation: z.string() }),
  walk: z.object({
    id: z.uuid(),
    date: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    howResultsUsed: z.string(),
  }),
  places: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      building: z.string(),
      startsAt: z.string(),
      items: z.array(checklistItemSchema),
    }),
  ),
  findings: z.array(findingSchema),
});

// ---------------------------------------------------------------------------------------------
// Site actions
// ---------------------------------------------------------------------------------------------

export const siteActionSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  place: z.object({ id: z.uuid(), name: z.string(), building: z.string() }),
  itemId: z.uuid(),
  itemPrompt: z.string(),
  category: z.string(),
  title: z.string(),
  band: z.enum(riskBands),
  owner: z.object({ id: z.uuid().nullable(), name: z.string() }),
  targetDate: z.string(),
  status: z.enum(actionStatuses),
  overdue: z.boolean(),
  findingIds: z.array(z.uuid()),
  closedAt: z.iso.datetime().nullable(),
  closureNote: z.string().nullable(),
  closurePhotoId: z.uuid().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  verifiedWalkId: z.uuid().nullable(),
  escalation: z.enum(['owner', 'business_manager', 'head']).nullable(),
  createdAt: z.iso.datetime(),
});
export type SiteActionDto = z.infer<typeof siteActionSchema>;

export const siteActionResponseSchema = z.object({ action: siteActionSchema });
export const siteActionListSchema = z.object({
  actions: z.array(siteActionSchema),
  canManage: z.boolean(),
});

export const raiseActionInputSchema = z
  .object({
    /** Merge the finding into this open action (same place and item) instead of raising one. */
    mergeInto: z.uuid().nullable().default(null),
    title: z.string().trim().min(1).max(300).optional(),
    ownerId: z.uuid().nullable().default(null),
    /** A contractor or team by name, when the owner has no account. */
    ownerName: z.string().trim().max(200).default(''),
    /** Default: from the risk band (critical: the next day). */
    targetDate: isoDate.optional(),
  })
  .strict();

export const updateActionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    ownerId: z.uuid().nullable().optional(),
    ownerName: z.string().trim().max(200).optional(),
    targetDate: isoDate.optional(),
    status: z.enum(['open', 'in_progress']).optional(),
  })
  .strict();

export const closeActionInputSchema = z
  .object({
    note: z.string().trim().min(5, { error: 'Say in a few words what was done.' }).max(2000),
    photoId: uuid('The evidence photo'),
  })
  .strict();

export const verifyActionInputSchema = z.object({ walkId: uuid('The site walk') }).strict();

// ---------------------------------------------------------------------------------------------
// Recurring inspections
// ---------------------------------------------------------------------------------------------

export const scheduleInputSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Name the inspection.' }).max(200),
    cadence: z.enum(cadences),
    weekday: z.number().int().min(1).max(5),
    windowStart: wallTime,
    windowEnd: wallTime,
    leadId: uuid('The lead'),
    checklistVersionId: uuid('The checklist'),
    roomIds: z.array(z.uuid()).min(1, { error: 'Choose at least one place.' }).max(100),
    howResultsUsed: z.string().trim().min(10).max(2000),
    namesRooms: z.boolean(),
    startsOn: isoDate,
  })
  .strict();

export const scheduleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  cadence: z.enum(cadences),
  weekday: z.number().int(),
  leadId: z.uuid().nullable(),
  places: z.number().int(),
  due: z.number().int(),
  done: z.number().int(),
  next: z.string().nullable(),
});

export const scheduleCreatedSchema = z.object({
  schedule: scheduleSchema,
  walksCreated: z.number().int(),
  skipped: z.array(z.string()),
});
export const scheduleListSchema = z.object({ schedules: z.array(scheduleSchema) });

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

export const siteDashboardSchema = z.object({
  school: z.object({ id: z.uuid(), name: z.string() }),
  today: z.string(),
  openActions: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    /** band → age bucket → count */
    byBandAndAge: z.array(
      z.object({
        band: z.enum(riskBands),
        underAWeek: z.number().int(),
        oneToFourWeeks: z.number().int(),
        overFourWeeks: z.number().int(),
      }),
    ),
  }),
  /** Needs-attention findings by checklist category and month. */
  findingsByCategory: z.array(
    z.object({ month: z.string(), category: z.string(), count: z.number().int() }),
  ),
  inspections: z.array(
    z.object({ schedule: z.string(), due: z.number().int(), done: z.number().int() }),
  ),
  walksDone: z.number().int(),
});
export type SiteDashboard = z.infer<typeof siteDashboardSchema>;

export const trustSiteDashboardSchema = z.object({
  schools: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      openActions: z.number().int(),
      overdue: z.number().int(),
      critical: z.number().int(),
      inspectionsDue: z.number().int(),
      inspectionsDone: z.number().int(),
    }),
  ),
});
