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
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a PostgreSQL role name: lower-case letters, digits and _')
    .default('lw_app'),
  /** Which proxies' X-Forwarded-For/-Proto to believe: false, true, a hop count or addresses. */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*|loopback|linklocal|uniquelocal)$/,
      'must be false, true, a number of proxies (1), or the proxy addresses (10.0.0.5, 10.0.0.0/8)',
    )
    .default('false'),
  /** Bearer token for GET /metrics; unset: /metrics answers 404. */
  METRICS_TOKEN: z
    .union([
      z.literal('').transform(() => undefined),
      z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)'),
    ])
    .optional(),
  /** Mail delivery: how long one attempt may take, and how failed mail is retried. */
  MAIL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(12),
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  MAIL_RETRY_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** The job queue: how often it looks for work (pg-boss's defaults when unset). */
  JOBS_INTERVAL_SECONDS: z
    .union([z.literal('').transform(() => undefined), z.coerce.number().min(0.5).max(45)])
    .optional(),
  /** How often each entry of the scheduled work list runs (once per period across instances). */
  SCHEDULED_WORK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** SIGTERM: how long in-flight requests and jobs get to finish before the process exits. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** Set to "false" to run no job worker in this process (it still adds jobs). */
  JOBS_WORKER: z.enum(['true', 'false']).default('true'),
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
  /** Fastify's trustProxy: which reverse proxies' forwarded headers to believe (docs/deploy.md). */
  trustProxy: boolean | number | string[];
  /** GET /metrics needs `Authorization: Bearer <token>`; null: /metrics is off. */
  metricsToken: string | null;
  /** SMTP delivery: one attempt's time limit, then retries with exponential backoff. */
  delivery: {
    timeoutSeconds: number;
    retryLimit: number;
    retryDelaySeconds: number;
    retryDelayMaxSeconds: number;
  };
  /** The job queue (src/server/jobs). */
  jobs: {
    /** How often workers poll, supervise and check schedules; null: pg-boss's defaults. */
    intervalSeconds: number | null;
    /** Each scheduled entry runs once per this many seconds; mail delivery at least every 10 s. */
    scheduledEverySeconds: number;
    worker: boolean;
  };
  shutdownGraceMs: number;
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

/** What a setting must be, from a Zod issue, in words. */
function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? issue.message
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? issue.message : `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'must be a URL (for example postgres://user@host:5432/db or smtp://host:587)'
        : issue.message;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      // "Empty, or …": describe the second branch, the one a non-empty value was meant for.
      const meant = issue.errors.at(-1)?.[0];
      const rule = meant ? ruleOf(meant) : issue.message;
      return `${rule.replace(/^must be (a )?url$/i, 'must be a URL (for example postgres://user@host:5432/db or smtp://host:587)')}, or empty`;
    }
    default:
      return issue.message;
  }
}

/** One line per wrong setting: its name, what it was, and what it must be. */
function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = issue.path.join('.');
  const given = env[name];
  const secret = /KEY|TOKEN|URL/.test(name);
  const shown =
    given === undefined || secret
      ? ''
      : ` (it is ${JSON.stringify(given.length > 60 ? `${given.slice(0, 60)}…` : given)})`;
  return `${name}${shown} ${ruleOf(issue)}.`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => describeIssue(i, env));
    throw new Error(
      `Invalid environment: fix these settings and start again:\n  ${problems.join('\n  ')}`,
    );
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
    trustProxy: trustProxyFrom(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN ?? null,
    delivery: {
      timeoutSeconds: e.MAIL_TIMEOUT_SECONDS,
      retryLimit: e.MAIL_RETRY_LIMIT,
      retryDelaySeconds: e.MAIL_RETRY_DELAY_SECONDS,
      retryDelayMaxSeconds: Math.max(e.MAIL_RETRY_DELAY_MAX_SECONDS, e.MAIL_RETRY_DELAY_SECONDS),
    },
    jobs: {
      intervalSeconds: e.JOBS_INTERVAL_SECONDS ?? null,
      scheduledEverySeconds: e.SCHEDULED_WORK_SECONDS,
      worker: e.JOBS_WORKER === 'true',
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
  };
}

/** TRUST_PROXY as Fastify takes it: a boolean, a hop count, or the proxies' addresses. */
function trustProxyFrom(text: string): Config['trustProxy'] {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((s) => s.trim());
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
