import { z } from 'zod';
import { dueKinds } from '../domain/home/due.ts';

// The home page's "what's due" (issue 21): GET /api/home/due.

export const dueItemSchema = z.object({
  kind: z.enum(dueKinds),
  title: z.string(),
  detail: z.string(),
  /** The in-app path where it is done. */
  link: z.string(),
  date: z.string().nullable(),
  urgent: z.boolean(),
});
export type DueItemDto = z.infer<typeof dueItemSchema>;

export const dueSectionSchema = z.object({
  /** Which part the person plays: a school's leader, a teacher, an observer, a trust leader. */
  part: z.enum(['leader', 'teacher', 'observer', 'trust']),
  heading: z.string(),
  /** What the section says when nothing is due. */
  emptyText: z.string(),
  items: z.array(dueItemSchema),
});
export type DueSection = z.infer<typeof dueSectionSchema>;

export const homeDueSchema = z.object({
  sections: z.array(dueSectionSchema),
  /** The term's picture across the trust (trust leaders and admins): aggregates only. */
  picture: z
    .object({
      schools: z.number().int(),
      walksDone: z.number().int(),
      walksPlanned: z.number().int(),
      overdueActions: z.number().int(),
    })
    .nullable(),
});
export type HomeDue = z.infer<typeof homeDueSchema>;
