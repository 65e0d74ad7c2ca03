import { z } from 'zod';
import { roles } from '../domain/people/roles.ts';

export const loginRequestSchema = z
  .object({
    email: z.email({ error: 'Enter an email address, like name@school.org.uk.' }).max(320),
    password: z
      .string({ error: 'Enter your password.' })
      .min(1, { error: 'Enter your password.' })
      .max(1024),
    trust: z
      .string()
      .regex(/^[a-z0-9-]{2,60}$/, {
        error: 'A trust is named by its short name, like "oak-trust".',
      })
      .optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const membershipSchema = z.object({
  role: z.enum(roles),
  roleLabel: z.string(),
  schoolId: z.uuid().nullable(),
  schoolName: z.string().nullable(),
});

export const meSchema = z.object({
  person: z.object({ id: z.uuid(), fullName: z.string(), email: z.string() }),
  trust: z.object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    /** A single school (a trust of one school, issue 13): shown without trust words. */
    singleSchool: z.boolean(),
  }),
  memberships: z.array(membershipSchema),
  home: z.enum(['trust', 'school', 'site', 'teaching']).nullable(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;
