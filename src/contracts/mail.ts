import { z } from 'zod';
import { roles, trustWideRoles } from '../domain/people/roles.ts';

export const outboxQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    /** Words to find in the address, the subject or the kind of mail (issue 21). */
    q: z.string().trim().max(200, { error: 'Search for at most 200 characters.' }).optional(),
  })
  .strict();

export const outboxMailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  /**
   * null for mail delivered by SMTP. Kept locally, the text as sent, except that a sign-in or
   * invitation link is never in it: those are readable by their recipient alone.
   */
  body: z.string().nullable(),
  /** A sign-in link or invitation: the outbox shows that it went, to whom and when, never the link. */
  carriesCredential: z.boolean(),
  delivery: z.enum(['smtp', 'local']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** What the mail is about (null: written before kinds were kept). */
  kind: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;

export const outboxSchema = z.object({
  mails: z.array(outboxMailSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type Outbox = z.infer<typeof outboxSchema>;

const email = z
  .email({ error: 'Enter an email address, like name@school.org.uk.' })
  .max(320)
  .transform((e) => e.trim().toLowerCase());

export const invitationRequestSchema = z
  .object({
    fullName: z
      .string()
      .trim()
      .min(1, { error: 'Enter the person’s name.' })
      .max(200, { error: 'A name can be at most 200 characters.' }),
    email,
    schoolId: z.uuid().nullable(),
    roles: z
      .array(z.enum(roles))
      .min(1, { error: 'Choose at least one role.' })
      .max(roles.length)
      .refine((rs) => new Set(rs).size === rs.length, { error: 'Each role may appear once.' }),
  })
  .strict()
  .refine(
    (i) =>
      i.schoolId === null
        ? i.roles.every((r) => trustWideRoles.includes(r))
        : i.roles.every((r) => !trustWideRoles.includes(r)),
    {
      error:
        'Trust-wide roles (trust administrator, trust leader) need no school; school roles need a school.',
      path: ['roles'],
    },
  );
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;

export const invitationResponseSchema = z.object({
  person: z.object({ id: z.uuid(), fullName: z.string(), email: z.string() }),
  /** false when the email already belonged to someone in the trust */
  created: z.boolean(),
  mail: z.object({ id: z.uuid(), delivery: z.enum(['smtp', 'local']) }),
});
export type InvitationResponse = z.infer<typeof invitationResponseSchema>;

export const emailLinkRequestSchema = z.object({ email }).strict();

export const emailLinkResponseSchema = z.object({ message: z.string() });

export const EMAIL_LINK_MESSAGE =
  'If that address has an account, a link is on its way. It works once, for 15 minutes.';

export const redeemRequestSchema = z
  .object({
    token: z
      .string({ error: 'The link is incomplete. Open it again from the email.' })
      .min(20, { error: 'The link is incomplete. Open it again from the email.' })
      .max(200),
  })
  .strict();
