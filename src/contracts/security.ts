import { z } from 'zod';
import { meSchema } from './auth.ts';

/** Issue 13: MFA (TOTP and recovery codes) and single sign-on (OpenID Connect). */

/** A right password (or link) for someone with MFA on: the code is asked for next. */
export const mfaStepSchema = z.object({
  mfaRequired: z.literal(true),
  /** Opaque; works for 10 minutes, with a few tries. */
  step: z.string(),
  message: z.string(),
});
export type MfaStep = z.infer<typeof mfaStepSchema>;

export const signInAnswerSchema = z.union([meSchema, mfaStepSchema]);
export type SignInAnswer = z.infer<typeof signInAnswerSchema>;

export const mfaCodeRequestSchema = z
  .object({
    step: z.string().min(20).max(200),
    code: z
      .string({ error: 'Enter the code from your authenticator app, or a recovery code.' })
      .trim()
      .min(6, { error: 'Enter the 6-digit code from your authenticator app, or a recovery code.' })
      .max(20),
  })
  .strict();

export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  /** Set-up started (secret shown) but not yet confirmed with a code. */
  pending: z.boolean(),
  /** The trust requires it of this person (an admin or leader). */
  required: z.boolean(),
  /** This session may do nothing but turn MFA on. */
  mustEnrol: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const mfaEnrolmentSchema = z.object({
  /** Base32, shown once: type it into the authenticator app. */
  secret: z.string(),
  otpauthUri: z.string(),
});

export const mfaConfirmRequestSchema = z
  .object({
    code: z
      .string({ error: 'Enter the 6-digit code your authenticator app shows.' })
      .trim()
      .regex(/^\d{6}$/, { error: 'Enter the 6-digit code your authenticator app shows.' }),
  })
  .strict();

/**
 * Turning two-step sign-in off, or new recovery codes: a current code from the app, or the
 * account's password, shows it is really them (a walked-away-from, signed-in phone is not enough).
 */
export const mfaProofRequestSchema = z
  .object({
    code: z.string().trim().max(20).optional(),
    password: z.string().max(200).optional(),
  })
  .strict()
  .refine((b) => Boolean(b.code) || Boolean(b.password), {
    error:
      'Enter the 6-digit code your authenticator app shows now, or your password, to show it is you.',
    path: ['code'],
  });
export type MfaProofRequest = z.infer<typeof mfaProofRequestSchema>;

export const recoveryCodesSchema = z.object({
  /** Shown once; each works once. */
  recoveryCodes: z.array(z.string()),
});

export const securitySettingsSchema = z.object({
  mfaRequiredForLeaders: z.boolean(),
  /** People with MFA on, for an admin to reset. */
  mfaPeople: z.array(z.object({ personId: z.uuid(), fullName: z.string(), since: z.string() })),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const securitySettingsRequestSchema = z
  .object({ mfaRequiredForLeaders: z.boolean() })
  .strict();

export const ssoKinds = ['entra', 'google', 'oidc'] as const;
export const ssoKindLabels: Record<(typeof ssoKinds)[number], string> = {
  entra: 'Microsoft Entra ID (Microsoft 365)',
  google: 'Google Workspace',
  oidc: 'Another OpenID Connect provider',
};

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'Write each domain like school.org.uk, without @ or spaces.',
  });

const providerFields = {
  displayName: z
    .string()
    .trim()
    .min(1, {
      error: 'Give the provider a name people will recognise, like "Oak Trust Microsoft 365".',
    })
    .max(80),
  kind: z.enum(ssoKinds),
  issuerUrl: z.url({ error: 'Enter the issuer URL, starting https://.' }).max(500),
  clientId: z.string().trim().min(1, { error: 'Enter the client (application) id.' }).max(500),
  allowedDomains: z
    .array(domainSchema)
    .min(1, { error: 'List at least one email domain this provider signs in.' })
    .max(20),
};

export const ssoProviderCreateSchema = z
  .object({
    ...providerFields,
    clientSecret: z.string().min(1, { error: 'Enter the client secret.' }).max(1000),
  })
  .strict();

/** Editing: the secret is never shown; give `newClientSecret` only to replace it. */
export const ssoProviderUpdateSchema = z
  .object({ ...providerFields, newClientSecret: z.string().min(1).max(1000).optional() })
  .strict();

export const ssoProviderSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  kind: z.enum(ssoKinds),
  issuerUrl: z.string(),
  clientId: z.string(),
  allowedDomains: z.array(z.string()),
  /** Whether a secret is stored; never the secret. */
  hasClientSecret: z.boolean(),
  /** Where the provider must send people back (register this with it). */
  redirectUri: z.string(),
  updatedAt: z.string(),
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;
export const ssoProvidersSchema = z.object({ providers: z.array(ssoProviderSchema) });

export const ssoDiscoverRequestSchema = z
  .object({
    email: z.email({ error: 'Enter an email address, like name@school.org.uk.' }).max(320),
  })
  .strict();

export const ssoOptionSchema = z.object({
  trustId: z.uuid(),
  providerId: z.uuid(),
  label: z.string(),
});
export const ssoOptionsSchema = z.object({ options: z.array(ssoOptionSchema) });
export type SsoOption = z.infer<typeof ssoOptionSchema>;

export const ssoStartRequestSchema = z.object({ trustId: z.uuid(), providerId: z.uuid() }).strict();
export const ssoStartSchema = z.object({ url: z.string() });

/** The query the provider sent the browser back with, passed on by the callback page. */
export const ssoCallbackRequestSchema = z.object({ query: z.string().max(8000) }).strict();

export const ssoCallbackAnswerSchema = meSchema;
