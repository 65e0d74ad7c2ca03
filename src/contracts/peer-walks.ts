import { z } from 'zod';

// Peer walks (issue 15): the school's peer observers, private reflections, ideas to try.

export const schoolParamsSchema = z.object({ schoolId: z.uuid() });
export const peerParamsSchema = z.object({ schoolId: z.uuid(), personId: z.uuid() });
export const walkParamsSchema = z.object({ walkId: z.uuid() });
export const reflectionParamsSchema = z.object({ reflectionId: z.uuid() });

const personSchema = z.object({ id: z.uuid(), fullName: z.string() });

export const peerObserversSchema = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  /** Teachers the school chose as peer observers. */
  peerObservers: z.array(personSchema.extend({ addedAt: z.iso.datetime() })),
  /** Staff who could be added (not already listed, not leaders or observers). */
  candidates: z.array(personSchema),
});
export type PeerObservers = z.infer<typeof peerObserversSchema>;
export const addPeerObserverSchema = z.object({ personId: z.uuid() });

export const ideaSchema = z.object({
  text: z.string().trim().min(1).max(300),
  lookForId: z.uuid().nullable().default(null),
  shareInSummary: z.boolean().default(false),
});
export type Idea = z.infer<typeof ideaSchema>;

export const reflectionInputSchema = z.object({
  body: z.string().max(5000),
  ideas: z.array(ideaSchema).max(20).default([]),
});
export type ReflectionInput = z.infer<typeof reflectionInputSchema>;
export const shareInputSchema = z.object({ coachId: z.uuid().nullable() });

export const reflectionSchema = z.object({
  id: z.uuid(),
  walkId: z.uuid(),
  walkDate: z.iso.date(),
  schoolName: z.string(),
  focusTitle: z.string(),
  authorName: z.string(),
  body: z.string(),
  ideas: z.array(ideaSchema.extend({ lookForPrompt: z.string().nullable() })),
  coach: personSchema.nullable(),
  sharedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  /** How the reader reads it. */
  readingAs: z.enum(['author', 'coach']),
});
export type Reflection = z.infer<typeof reflectionSchema>;

export const myReflectionSchema = z.object({
  walkId: z.uuid(),
  /** Why it cannot be written yet (null: it can). */
  notYet: z.string().nullable(),
  reflection: reflectionSchema.nullable(),
  lookFors: z.array(z.object({ id: z.uuid(), prompt: z.string() })),
  /** People of the author's schools who may be chosen as coach. */
  coachCandidates: z.array(personSchema),
});
export type MyReflection = z.infer<typeof myReflectionSchema>;

const reflectionItemSchema = z.object({
  id: z.uuid(),
  walkId: z.uuid(),
  walkDate: z.iso.date(),
  focusTitle: z.string(),
  authorName: z.string(),
  sharedAt: z.iso.datetime().nullable(),
});
export const myReflectionsSchema = z.object({
  mine: z.array(reflectionItemSchema),
  sharedWithMe: z.array(reflectionItemSchema),
});
export type MyReflections = z.infer<typeof myReflectionsSchema>;

export const ideasTakenAwaySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none'), contributors: z.number().int(), k: z.number().int() }),
  z.object({
    status: z.literal('suppressed'),
    contributors: z.number().int(),
    k: z.number().int(),
    reason: z.string(),
  }),
  z.object({
    status: z.literal('shown'),
    contributors: z.number().int(),
    k: z.number().int(),
    ideas: z.array(z.object({ text: z.string(), lookForPrompt: z.string().nullable() })),
  }),
]);
