import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../app.ts';
import { type Config, readConfig } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { TEST_PASSWORD } from './factories.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

export type TestClock = { now: () => Date; advance(ms: number): void };

export function testClock(start = new Date('2026-11-23T09:00:00Z')): TestClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  db: Kysely<DB>;
  database: TestDatabase;
  baseUrl: string;
  clock: TestClock;
  config: Config;
  /** Mail with a sign-in link that, with no SMTP set, went to the server console. */
  consoleMail: OutgoingMail[];
  close(): Promise<void>;
};

/** The real app over real HTTP on a loopback port, on a fresh database, with a clock the test controls. */
export async function startTestApp(
  overrides: Partial<Config> = {},
  logStream?: { write(line: string): void },
  open: { jobQueue?: boolean } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(undefined, open);
  const clock = testClock();
  const config: Config = {
    ...readConfig({ LOG_LEVEL: process.env.LW_TEST_LOG ?? 'silent' }),
    database: database.config.database,
    ...overrides,
  };
  const consoleMail: OutgoingMail[] = [];
  const app = await buildApp({
    config,
    database,
    now: clock.now,
    serveWeb: false,
    logStream,
    credentialConsole: (mail) => consoleMail.push(mail),
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    db: database.db,
    database,
    baseUrl,
    clock,
    config,
    consoleMail,
    close: async () => {
      await app.close();
      await database.close();
      assertEveryStatementScoped(database);
    },
  };
}

/**
 * The API suite's statements, checked as they ran: a statement on a tenant table that neither
 * filtered nor joined on trust_id would stop the tables being distributed by trust (docs/scale.md),
 * so the test file fails, naming the statement.
 */
function assertEveryStatementScoped(database: TestDatabase) {
  if (database.unscoped.length === 0) return;
  const distinct = new Map(database.unscoped.map((s) => [s.sql, s.tables]));
  const listed = [...distinct].map(([text, tables]) => `- ${tables.join(', ')}: ${text.trim()}`);
  throw new Error(
    `${distinct.size} statement(s) on a tenant table neither filtered nor joined on trust_id ` +
      `(docs/scale.md): add the trust_id condition, or run it in withTenant.\n${listed.join('\n')}`,
  );
}

/** A browser-like HTTP client: keeps the session cookie and sends the CSRF token on state changes. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in h))
      h['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !pair.endsWith('=') ? pair : null;
    }
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely and assert on them.
    const json: any = text ? JSON.parse(text) : null;
    return { status: response.status, headers: response.headers, body: json };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);

  async signIn(email: string, password = TEST_PASSWORD) {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrfToken = res.body.csrfToken;
    return res.body;
  }
}
