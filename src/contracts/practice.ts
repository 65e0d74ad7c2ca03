import { z } from 'zod';

/**
 * The practice library (issue 16): short examples of what works, from debriefs' bright spots,
 * published to the school's or the trust's library only when the visited teacher agrees, and
 * named only if they agree to be named. Searchable by look-for.
 */

export const practiceDebriefParamsSchema = z.object({
  debriefId: z.uuid({ error: 'A debrief id is a UUID, as given by the school’s debriefs.' }),
});
export const practiceExampleParamsSchema = z.object({
  exampleId: z.uuid({ error: 'An example id is a UUID, as given by your requests.' }),
});
export const practiceSchoolParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
});
export const practiceSearchSchema = z.object({
  lookFor: z.string().trim().max(200).optional(),
});

export const proposeExampleSchema = z
  .object({
    visitId: z.uuid({ error: 'Choose the visit where it was seen.' }),
    lookFor: z.string().trim().min(1, { error: 'Say which look-for it shows.' }).max(300),
    title: z.string().trim().min(1, { error: 'Give the example a short title.' }).max(200),
    body: z.string().trim().min(1, { error: 'Describe what was seen.' }).max(2000),
    scope: z.enum(['school', 'trust']).default('school'),
  })
  .strict();
export type ProposeExampleInput = z.infer<typeof proposeExampleSchema>;

export const consentSchema = z
  .object({ agree: z.boolean(), named: z.boolean().default(false) })
  .strict();
export type ConsentInput = z.infer<typeof consentSchema>;

export const practiceExampleSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  lookFor: z.string(),
  title: z.string(),
  body: z.string(),
  scope: z.enum(['school', 'trust']),
  status: z.enum(['asked', 'published', 'declined']),
  /** Only when the teacher agreed to be named. */
  teacherName: z.string().nullable(),
});
export type PracticeExample = z.infer<typeof practiceExampleSchema>;

export const practiceLibrarySchema = z.object({ examples: z.array(practiceExampleSchema) });
