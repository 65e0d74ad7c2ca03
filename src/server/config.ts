import path from 'node:path';
import { z } from 'zod';

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
  /** "production": no demo unless --demo is refused, and no start while an account has the demo password (issue 13). */
  NODE_ENV: z.string().optional(),
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
};

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
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
  };
}
