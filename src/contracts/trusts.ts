import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../domain/trusts/new-trust.ts';

/** First-run set-up (issue 13): does this installation still wait for its first trust? */
export const setupStatusSchema = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z
  .object({
    kind: z.enum(['trust', 'single_school'], {
      error: 'Say whether you are setting up a trust or a single school.',
    }),
    name: z.string().max(200, { error: 'A name is at most 200 characters.' }),
    /** For a single school: its phase (the school is made with the trust). */
    phase: z
      .enum(['primary', 'secondary', 'all_through', 'special', 'alternative'], {
        error: 'Choose the phase: primary, secondary, all_through, special or alternative.',
      })
      .optional(),
    admin: z
      .object({
        fullName: z.string().max(200, { error: 'A name is at most 200 characters.' }),
        email: z.string().max(320, { error: 'An email address is at most 320 characters.' }),
      })
      .strict(),
    /** How the administrator signs in: a password now, or a link by email (or on the console). */
    signIn: z.discriminatedUnion('method', [
      z
        .object({
          method: z.literal('password'),
          password: z
            .string()
            .min(MIN_PASSWORD_LENGTH, {
              error: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
            })
            .max(1024),
        })
        .strict(),
      z.object({ method: z.literal('email_link') }).strict(),
    ]),
  })
  .strict();
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const setupResponseSchema = z.object({
  trust: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), singleSchool: z.boolean() }),
  /** true: the administrator is signed in now (password); false: a sign-in link was sent. */
  signedIn: z.boolean(),
  message: z.string(),
  /** With signedIn, the session's CSRF token. */
  csrfToken: z.string().nullable(),
});
export type SetupResponse = z.infer<typeof setupResponseSchema>;

export const gettingStartedStepSchema = z.object({
  key: z.enum(['schools', 'leaders', 'timetable', 'framework', 'protocol', 'programme']),
  title: z.string(),
  detail: z.string(),
  done: z.boolean(),
  link: z.string(),
});

export const gettingStartedSchema = z.object({
  singleSchool: z.boolean(),
  finished: z.boolean(),
  steps: z.array(gettingStartedStepSchema),
});
export type GettingStarted = z.infer<typeof gettingStartedSchema>;
