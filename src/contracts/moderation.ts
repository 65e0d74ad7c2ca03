import { z } from 'zod';
import { prevalenceLevels } from '../domain/frameworks/types.ts';
import { agreementFigureSchema } from './observers.ts';

/**
 * Moderation sessions (issue 15): observers record the same practice scenes, or review the same
 * anonymised paired records, together; the facilitator notes each look-for's agreed reading,
 * which can become its guidance in a new framework version. Figures describe how observers
 * record, never a teacher; a participant's reading is shown to nobody but them.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'A date is written YYYY-MM-DD.' });
const answerValue = z.union([z.boolean(), z.enum(prevalenceLevels)]).nullable();
export const guidanceParts = ['looksLike', 'doesNotMean'] as const;

export const sessionInputSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Give the session a title.' }).max(200),
    heldOn: isoDate,
    versionId: z.uuid({ error: 'Choose the framework version to moderate.' }),
    /** null: a trust-wide session. */
    schoolId: z.uuid().nullable().default(null),
    /** Defaults to the person creating the session. */
    facilitatorId: z.uuid().optional(),
    participantIds: z
      .array(z.uuid())
      .min(1, { error: 'Choose at least one participant.' })
      .max(60, { error: 'At most 60 participants in one session.' }),
    /** Practice scenes of the version to record together; none is allowed if pairs are reviewed. */
    sceneIds: z.array(z.uuid()).max(20).default([]),
    /** How many recent paired records from real walks to review, anonymised (0–10). */
    pairCount: z.number().int().min(0).max(10).default(0),
  })
  .strict();
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const sessionParamsSchema = z.object({
  sessionId: z.uuid({ error: 'A session id is a UUID, as given by the moderation page.' }),
});
export const sessionSceneParamsSchema = sessionParamsSchema.extend({ sceneId: z.uuid() });
export const sessionLookForParamsSchema = sessionParamsSchema.extend({ lookForId: z.uuid() });

export const readingInputSchema = z.object({ answers: z.record(z.uuid(), answerValue) }).strict();
export type ReadingInput = z.infer<typeof readingInputSchema>;

export const agreedReadingInputSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, { error: 'Write the agreed reading.' })
      .max(1000, { error: 'Guidance has at most 1000 characters.' }),
    part: z.enum(guidanceParts).default('looksLike'),
  })
  .strict();
export type AgreedReadingInput = z.infer<typeof agreedReadingInputSchema>;

const sessionSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  heldOn: isoDate,
  schoolName: z.string().nullable(),
  frameworkName: z.string(),
  versionNo: z.number().int(),
  facilitatorName: z.string(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListSchema = z.object({
  sessions: z.array(sessionSummarySchema),
  /** What the create form offers: only for those who may run a session. */
  canRun: z.boolean(),
  /** true when the person may run trust-wide sessions (else only their schools'). */
  trustWide: z.boolean(),
  schools: z.array(z.object({ id: z.uuid(), name: z.string() })),
  versions: z.array(
    z.object({
      id: z.uuid(),
      frameworkName: z.string(),
      versionNo: z.number().int(),
      scenes: z.array(z.object({ id: z.uuid(), title: z.string() })),
    }),
  ),
  people: z.array(z.object({ id: z.uuid(), fullName: z.string() })),
});
export type SessionList = z.infer<typeof sessionListSchema>;

const countSchema = z.object({
  answer: z.union([z.boolean(), z.enum(prevalenceLevels)]),
  count: z.number().int(),
});

export const sessionDetailSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  heldOn: isoDate,
  schoolName: z.string().nullable(),
  frameworkId: z.uuid(),
  frameworkName: z.string(),
  versionNo: z.number().int(),
  facilitatorName: z.string(),
  participantNames: z.array(z.string()),
  /** The minimum group size: fewer readings than this and the spread is hidden. */
  k: z.number().int(),
  isParticipant: z.boolean(),
  canFacilitate: z.boolean(),
  /** May turn the agreed readings into a new framework version (framework owners). */
  canMakeGuidance: z.boolean(),
  revealed: z.boolean(),
  /** The draft version made from this session's agreed readings. */
  guidanceVersion: z.object({ frameworkId: z.uuid(), versionNo: z.number().int() }).nullable(),
  lookFors: z.array(
    z.object({
      id: z.uuid(),
      prompt: z.string(),
      answerKind: z.enum(['seen', 'prevalence']),
      looksLike: z.string().nullable(),
      doesNotMean: z.string().nullable(),
      agreed: z.object({ text: z.string(), part: z.enum(guidanceParts) }).nullable(),
    }),
  ),
  scenes: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      scene: z.string(),
      lookForIds: z.array(z.uuid()),
      handedIn: z.number().int(),
      participants: z.number().int(),
      /** My own reading, when I handed one in. */
      mine: z.record(z.uuid(), answerValue).nullable(),
      /** null until everyone has handed in or the facilitator reveals. */
      spread: z
        .object({
          suppressed: z.boolean(),
          lookFors: z.array(
            z.object({
              lookForId: z.uuid(),
              counts: z.array(countSchema).nullable(),
              yours: answerValue,
              figure: agreementFigureSchema,
            }),
          ),
        })
        .nullable(),
    }),
  ),
  pairs: z.array(
    z.object({
      label: z.string(),
      rows: z.array(
        z.object({ lookForId: z.uuid(), prompt: z.string(), a: answerValue, b: answerValue }),
      ),
    }),
  ),
  pairFigures: z.array(z.object({ lookForId: z.uuid(), figure: agreementFigureSchema })),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const guidanceResultSchema = z.object({
  frameworkId: z.uuid(),
  versionNo: z.number().int(),
  applied: z.number().int(),
});
