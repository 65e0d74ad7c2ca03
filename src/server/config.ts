import path from 'node:path';
import { z } from 'zod';
import { developmentKey, parseSecretKey, type SecretKey } from './kernel/secrets.ts';

/**
 * The only reader of the environment. Everything else receives a Config.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to "false" only behind a TLS-terminating proxy you do not control; the cookie then loses its __Host- prefix. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** smtp://user:pass@host:port (or smtps://); unset: mail stays in the in-app outbox. */
  SMTP_URL: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  MAIL_FROM: z.string().min(3).default('Learning Walks <no-reply@learningwalks.invalid>'),
  /** The address people open the app at; the base of links in mail. */
  PUBLIC_URL: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  NODE_ENV: z.string().optional(),
  /** 32 bytes (64 hex digits or base64): seals client secrets and TOTP seeds (issue 13). */
  LW_SECRET_KEY: z.string().optional(),
  APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('lw_app'),
});

export type Config = {
  /** NODE_ENV=production. */
  production: boolean;
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };
  appRole: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  cookieSecure: boolean;
  session: { idleMs: number; absoluteMs: number };
  login: { maxAttempts: number; windowMs: number };
  webRoot: string;
  /** smtpUrl null: every message stays in the local outbox (readable in the app). */
  mail: { smtpUrl: string | null; from: string };
  /** Base for links in mail, without a trailing slash. */
  publicUrl: string;
  /** Seals secrets at rest; a labelled development key outside production when unset. */
  secretKey: SecretKey;
};

export const MISSING_KEY_MESSAGE =
  'LW_SECRET_KEY is not set. In production it is required: it encrypts single sign-on client secrets and MFA seeds at rest. Generate one with `openssl rand -base64 32`, keep it with your other secrets (and back it up: without it those secrets cannot be read), set LW_SECRET_KEY, then start again.';

function secretKeyFrom(e: { NODE_ENV?: string | undefined; LW_SECRET_KEY?: string | undefined }) {
  if (e.LW_SECRET_KEY) {
    const key = parseSecretKey(e.LW_SECRET_KEY);
    if (!key) {
      throw new Error(
        'LW_SECRET_KEY must be 32 bytes written as 64 hexadecimal digits or in base64. Generate one with `openssl rand -base64 32`.',
      );
    }
    return { key, source: 'environment' as const };
  }
  if (e.NODE_ENV === 'production') throw new Error(MISSING_KEY_MESSAGE);
  return developmentKey();
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.DATA_DIR) },
    appRole: e.APP_ROLE,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    login: { maxAttempts: e.LOGIN_MAX_ATTEMPTS, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    webRoot: path.resolve('dist/web'),
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    secretKey: secretKeyFrom(e),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
  };
}

/** For main.ts: a bad environment prints one clear message and exits, with no stack trace. */
export function readConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
