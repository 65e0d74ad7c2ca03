import { z } from 'zod';
import { prevalenceLevels } from '../domain/frameworks/types.ts';

/**
 * Issue 15: observer training, calibration on real walks (inter-rater agreement) and walks across
 * schools. Training results and agreement figures describe how people record, never a teacher:
 * private to the observer, aggregate (k-suppressed) elsewhere, never a ranking.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'A date is written YYYY-MM-DD.' });
const wallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time is written HH:MM (24-hour).' });

// Walks across schools.

export const networkInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Give the network a name.' }).max(120),
    members: z
      .array(z.object({ personId: z.uuid(), lead: z.boolean().default(false) }).strict())
      .min(1, { error: 'A network has at least one member.' })
      .max(200),
  })
  .strict();
export type NetworkInput = z.infer<typeof networkInputSchema>;

export const networkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  members: z.array(
    z.object({
      personId: z.uuid(),
      fullName: z.string(),
      lead: z.boolean(),
      schoolNames: z.array(z.string()),
    }),
  ),
  iLead: z.boolean(),
});
export type NetworkDto = z.infer<typeof networkSchema>;
export const networksSchema = z.object({ networks: z.array(networkSchema) });

export const hostSchoolsSchema = z.object({
  schools: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      foci: z.array(z.object({ id: z.uuid(), title: z.string() })),
    }),
  ),
});

export const visitingProposalSchema = z
  .object({
    hostSchoolId: z.uuid({ error: 'Choose the school to visit.' }),
    /** The network proposing it; null when a trust leader proposes it. */
    networkId: z.uuid().nullable().default(null),
    /** A trust-wide calibration walk: observers from different schools, paired in the same rooms. */
    calibration: z.boolean().default(false),
    date: isoDate,
    windowStart: wallTime,
    windowEnd: wallTime,
    focusId: z.uuid({ error: 'Choose one of the host school’s foci.' }),
    purpose: z.string().trim().max(2000).optional(),
    observerIds: z
      .array(z.uuid())
      .min(1, { error: 'Name at least one visiting observer.' })
      .max(2, { error: 'At most two observers on a walk (rule 3).' }),
  })
  .strict();
export type VisitingProposal = z.infer<typeof visitingProposalSchema>;

export const hostDecisionSchema = z
  .object({
    agree: z.boolean(),
    /** Required when declining: the proposer is told why. */
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export type HostDecision = z.infer<typeof hostDecisionSchema>;

export const visitingWalkSchema = z.object({
  walkId: z.uuid(),
  hostSchoolId: z.uuid(),
  hostSchoolName: z.string(),
  networkName: z.string().nullable(),
  calibration: z.boolean(),
  status: z.enum(['proposed', 'agreed', 'declined']),
  walkStatus: z.enum(['draft', 'published', 'cancelled']),
  date: isoDate,
  windowStart: z.string(),
  windowEnd: z.string(),
  focusTitle: z.string(),
  purpose: z.string(),
  proposedByName: z.string().nullable(),
  declineReason: z.string().nullable(),
  observers: z.array(
    z.object({ personId: z.uuid(), fullName: z.string(), homeSchoolName: z.string().nullable() }),
  ),
  /** What the person asking may do: answer as the host's head, capture as a visitor. */
  canDecide: z.boolean(),
  iVisit: z.boolean(),
});
export type VisitingWalkDto = z.infer<typeof visitingWalkSchema>;
export const visitingWalksSchema = z.object({ walks: z.array(visitingWalkSchema) });
export const visitingWalkParamsSchema = z.object({
  walkId: z.uuid({ error: 'A walk id is a UUID, as given by GET /api/visiting-walks.' }),
});

// Calibration: inter-rater agreement.

const kappaSchema = z.object({
  n: z.number().int(),
  observed: z.number(),
  expected: z.number(),
  kappa: z.number().nullable(),
  se: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});

export const agreementFigureSchema = z.object({
  /** Pairs of records: rooms recorded by two observers, both handed in. */
  n: z.number().int(),
  /** Hidden: the pairs rest on fewer than k visited teachers (rule 10). */
  suppressed: z.boolean(),
  percentAgreement: z.number().nullable(),
  percentLower: z.number().nullable(),
  percentUpper: z.number().nullable(),
  seen: kappaSchema.nullable(),
  weighted: kappaSchema.nullable(),
  needsClearerGuidance: z.boolean(),
});
export type AgreementFigure = z.infer<typeof agreementFigureSchema>;

export const trustAgreementSchema = z.object({
  k: z.number().int(),
  lookFors: z.array(
    z.object({
      lookForId: z.uuid(),
      prompt: z.string(),
      answerKind: z.enum(['seen', 'prevalence']),
      frameworkName: z.string(),
      versionNo: z.number().int(),
      overall: agreementFigureSchema,
      schools: z.array(
        z.object({ schoolId: z.uuid(), schoolName: z.string(), figure: agreementFigureSchema }),
      ),
    }),
  ),
});
export type TrustAgreement = z.infer<typeof trustAgreementSchema>;

const answerValue = z.union([z.boolean(), z.enum(prevalenceLevels)]).nullable();

export const myAgreementSchema = z.object({
  pairs: z.array(
    z.object({
      visitId: z.uuid(),
      walkId: z.uuid(),
      schoolName: z.string(),
      date: isoDate,
      room: z.string(),
      partnerName: z.string(),
      /** waiting: one of the two records is not handed in; neither sees the other's till both are. */
      state: z.enum(['waiting_for_me', 'waiting_for_partner', 'both_in']),
      answers: z.array(
        z.object({
          lookForId: z.uuid(),
          prompt: z.string(),
          mine: answerValue,
          /** null until both records are handed in. */
          partner: answerValue,
        }),
      ),
    }),
  ),
  lookFors: z.array(
    z.object({ lookForId: z.uuid(), prompt: z.string(), figure: agreementFigureSchema }),
  ),
});
export type MyAgreement = z.infer<typeof myAgreementSchema>;

// Observer training.

export const trainingModules = ['guidance', 'neutral_language', 'practice_scenes'] as const;

export const trainingOverviewSchema = z.object({
  versions: z.array(
    z.object({
      versionId: z.uuid(),
      frameworkName: z.string(),
      versionNo: z.number().int(),
      completed: z.array(z.enum(trainingModules)),
      sceneCount: z.number().int(),
    }),
  ),
  rules: z.array(z.object({ schoolId: z.uuid().nullable(), label: z.string() })),
});
export type TrainingOverview = z.infer<typeof trainingOverviewSchema>;

export const trainingVersionParamsSchema = z.object({
  versionId: z.uuid({ error: 'A version id is a UUID, as given by GET /api/training.' }),
});
export const sceneParamsSchema = z.object({
  sceneId: z.uuid({ error: 'A scene id is a UUID, as given by the version’s training page.' }),
});

const trainingLookForSchema = z.object({
  id: z.uuid(),
  lensName: z.string(),
  prompt: z.string(),
  answerKind: z.enum(['seen', 'prevalence', 'count', 'note']),
  looksLike: z.string().nullable(),
  doesNotMean: z.string().nullable(),
});

export const trainingVersionSchema = z.object({
  versionId: z.uuid(),
  frameworkName: z.string(),
  versionNo: z.number().int(),
  lookFors: z.array(trainingLookForSchema),
  exerciseScene: z.string(),
  scenes: z.array(z.object({ id: z.uuid(), title: z.string(), passed: z.boolean() })),
  completed: z.array(z.enum(trainingModules)),
  canAuthor: z.boolean(),
});
export type TrainingVersion = z.infer<typeof trainingVersionSchema>;

export const exerciseInputSchema = z
  .object({ text: z.string().max(4000, { error: 'Keep the notes under 4,000 characters.' }) })
  .strict();
export const exerciseResultSchema = z.object({
  passed: z.boolean(),
  findings: z.array(
    z.object({
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      kind: z.enum(['judgement', 'about_teacher', 'name']),
      explanation: z.string(),
      hint: z.string(),
    }),
  ),
  completed: z.array(z.enum(trainingModules)),
});

export const sceneInputSchema = z
  .object({
    versionId: z.uuid(),
    title: z.string().trim().min(1, { error: 'Give the scene a title.' }).max(200),
    scene: z.string().trim().min(1, { error: 'Describe the scene.' }).max(4000),
    reference: z.record(z.uuid(), z.union([z.boolean(), z.enum(prevalenceLevels)])),
    reasons: z.record(z.uuid(), z.string().trim().max(1000)).default({}),
  })
  .strict();
export type SceneInput = z.infer<typeof sceneInputSchema>;

export const sceneSchema = z.object({
  id: z.uuid(),
  versionId: z.uuid(),
  title: z.string(),
  scene: z.string(),
  lookFors: z.array(trainingLookForSchema),
});
export type SceneDto = z.infer<typeof sceneSchema>;

export const attemptInputSchema = z.object({ answers: z.record(z.uuid(), answerValue) }).strict();
export type AttemptInput = z.infer<typeof attemptInputSchema>;

export const attemptResultSchema = z.object({
  passed: z.boolean(),
  differences: z.array(
    z.object({
      lookForId: z.uuid(),
      prompt: z.string(),
      reference: answerValue,
      yours: answerValue,
      outcome: z.enum(['same', 'near', 'differs', 'not_answered']),
      why: z.string().nullable(),
    }),
  ),
  completed: z.array(z.enum(trainingModules)),
});
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const trainingRuleInputSchema = z
  .object({ schoolId: z.uuid().nullable(), required: z.boolean() })
  .strict();
export type TrainingRuleInput = z.infer<typeof trainingRuleInputSchema>;

// Training progress for leaders (issue 15): counts per school, hidden under k, never people.
const progressRowSchema = z.object({
  observers: z.number().int(),
  suppressed: z.boolean(),
  modules: z.array(
    z.object({
      module: z.enum([...trainingModules, 'all']),
      completed: z.number().int().nullable(),
      share: z.number().nullable(),
    }),
  ),
});
export const trainingProgressSchema = z.object({
  versions: z.array(
    z.object({
      versionId: z.uuid(),
      frameworkName: z.string(),
      versionNo: z.number().int(),
      schools: z.array(
        progressRowSchema.extend({ schoolId: z.uuid(), schoolName: z.string(), k: z.number() }),
      ),
      /** Across the trust's schools (trust leaders and admins only). */
      trust: progressRowSchema.extend({ k: z.number() }).nullable(),
    }),
  ),
});
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;
