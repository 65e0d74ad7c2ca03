import { z } from 'zod';
import { answerKinds, audiences, frameworkKinds, KEY_PATTERN } from '../domain/frameworks/types.ts';
import { LIMITS } from '../domain/frameworks/validation.ts';

const key = z.string().regex(KEY_PATTERN, {
  error: 'A key is lower-case letters, digits and hyphens, like “peer-talk”.',
});

export const guidanceSchema = z
  .object({
    looksLike: z.string().max(LIMITS.guidance).optional(),
    doesNotMean: z.string().max(LIMITS.guidance).optional(),
  })
  .strict();

export const lookForSchema = z
  .object({
    key,
    prompt: z.string().max(LIMITS.prompt),
    answerKind: z.enum(answerKinds),
    audience: z.enum(audiences).default('observer'),
    guidance: guidanceSchema.default({}),
    /** The key of the look-for in the previous version that this one continues; null if new. */
    continues: key.nullable().default(null),
  })
  .strict();

export const lensSchema = z
  .object({
    key,
    name: z.string().max(LIMITS.lensName),
    description: z.string().max(LIMITS.guidance).default(''),
    lookFors: z.array(lookForSchema).max(LIMITS.lookFors),
  })
  .strict();

/** The editable body of a version: what a draft holds. */
export const frameworkBodySchema = z
  .object({
    name: z.string().min(1, { error: 'Give the framework a name.' }).max(LIMITS.name),
    description: z.string().max(LIMITS.guidance).default(''),
    lenses: z.array(lensSchema).max(LIMITS.lenses),
  })
  .strict();
export type FrameworkBody = z.infer<typeof frameworkBodySchema>;

export const violationSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string(),
  prompt: z.string().optional(),
  rule: z.string().optional(),
  phrase: z.string().optional(),
  /** A suggested rewrite about what pupils do. */
  suggestion: z.string().optional(),
});
export type ViolationDto = z.infer<typeof violationSchema>;

export const versionSummarySchema = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.iso.datetime().nullable(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const frameworkSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(frameworkKinds),
  description: z.string(),
  versions: z.array(versionSummarySchema),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const frameworkListSchema = z.object({
  frameworks: z.array(frameworkSummarySchema),
  /** Whether this person may create and edit trust frameworks. */
  canEdit: z.boolean(),
});

export const versionDetailSchema = z.object({
  framework: frameworkSummarySchema,
  version: versionSummarySchema,
  body: z.object({
    name: z.string(),
    description: z.string(),
    lenses: z.array(
      z.object({
        id: z.uuid(),
        key: z.string(),
        name: z.string(),
        description: z.string(),
        lookFors: z.array(
          z.object({
            id: z.uuid(),
            key: z.string(),
            prompt: z.string(),
            answerKind: z.enum(answerKinds),
            audience: z.enum(audiences),
            guidance: guidanceSchema,
            continues: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
  /** Problems that would stop this version being published (always empty once published). */
  problems: z.array(violationSchema),
  canEdit: z.boolean(),
});
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const createFrameworkSchema = z
  .object({
    name: z.string().min(1, { error: 'Give the framework a name.' }).max(LIMITS.name),
    kind: z.enum(frameworkKinds),
    description: z.string().max(LIMITS.guidance).default(''),
    /** Start from a framework of the built-in library instead of an empty one. */
    fromLibrary: z.string().max(60).optional(),
  })
  .strict();
export type CreateFramework = z.infer<typeof createFrameworkSchema>;

export const libraryListSchema = z.object({
  library: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(frameworkKinds),
      description: z.string(),
      lensCount: z.number().int(),
      lookForCount: z.number().int(),
    }),
  ),
});

export const frameworkParamsSchema = z.object({
  frameworkId: z.uuid({ error: 'A framework id is a UUID, as given by GET /api/frameworks.' }),
});
export const versionParamsSchema = frameworkParamsSchema.extend({
  versionNo: z.coerce.number().int().min(1),
});

/**
 * The JSON exchange format: one version of a framework, to share between trusts.
 * Documented in docs/frameworks.md.
 */
export const FRAMEWORK_FORMAT = 'learning-walks/framework';
export const exchangeSchema = z
  .object({
    format: z.literal(FRAMEWORK_FORMAT, {
      error: `This is not a Learning Walks framework file ("format" must be "${FRAMEWORK_FORMAT}").`,
    }),
    formatVersion: z.literal(1, { error: 'This file uses a format version we cannot read.' }),
    exportedAt: z.iso.datetime().optional(),
    framework: z
      .object({
        name: z.string().min(1).max(LIMITS.name),
        kind: z.enum(frameworkKinds),
        description: z.string().max(LIMITS.guidance).default(''),
        version: z.number().int().min(1).optional(),
        lenses: z.array(lensSchema).max(LIMITS.lenses),
      })
      .strict(),
  })
  .strict();
export type FrameworkExchange = z.infer<typeof exchangeSchema>;

export const importResultSchema = z.object({
  framework: frameworkSummarySchema,
  problems: z.array(violationSchema),
});

// Foci and a school's own look-fors.

export const schoolLookForSchema = z.object({
  id: z.uuid(),
  prompt: z.string(),
  answerKind: z.enum(answerKinds),
  audience: z.enum(audiences),
  lensName: z.string(),
  guidance: guidanceSchema,
});
export type SchoolLookFor = z.infer<typeof schoolLookForSchema>;

export const createSchoolLookForSchema = z
  .object({
    prompt: z.string().min(1, { error: 'Write the prompt.' }).max(LIMITS.prompt),
    answerKind: z.enum(answerKinds),
    audience: z.enum(audiences).default('observer'),
    lensName: z.string().max(LIMITS.lensName).default(''),
    guidance: guidanceSchema.default({}),
  })
  .strict();

export const focusSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: z.string(),
  frameworkId: z.uuid(),
  frameworkName: z.string(),
  versionId: z.uuid(),
  versionNo: z.number().int(),
  lookFors: z.array(
    z.object({ id: z.uuid(), key: z.string(), prompt: z.string(), lensName: z.string() }),
  ),
  schoolLookFors: z.array(z.object({ id: z.uuid(), prompt: z.string() })),
});
export type Focus = z.infer<typeof focusSchema>;

export const createFocusSchema = z
  .object({
    title: z.string().max(120),
    purpose: z.string().max(LIMITS.guidance),
    versionId: z.uuid({ error: 'Choose a published framework version.' }),
    lookForIds: z.array(z.uuid()).max(200),
    schoolLookForIds: z.array(z.uuid()).max(200).default([]),
  })
  .strict();
export type CreateFocus = z.infer<typeof createFocusSchema>;

export const fociListSchema = z.object({
  foci: z.array(focusSchema),
  schoolLookFors: z.array(schoolLookForSchema),
  canEdit: z.boolean(),
});

export const focusParamsSchema = z.object({
  schoolId: z.uuid(),
  focusId: z.uuid(),
});
