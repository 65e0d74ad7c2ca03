import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client } from '../testing/test-app.ts';
import {
  adminQuery,
  openTestDatabase,
  type TestDatabase,
  testServerUrl,
} from '../testing/test-database.ts';
import { type Answer, startTestSmtp, until } from './smtp-for-tests.ts';

/**
 * Several instances on one PostgreSQL (issue 17): real app processes (`src/server/main.ts`),
 * a real SMTP server in the test. The scheduled work runs every second and mail is retried
 * after a second or two, so each test takes seconds, not minutes.
 *
 * These need PostgreSQL: they run in the PostgreSQL stage of `.ci/run` (TEST_DATABASE_URL set).
 * On a PGlite-only run they are not registered (never skipped); the one test registered instead
 * checks that CI's PostgreSQL stage exists, so they cannot silently stop running there.
 */
const serverUrl = testServerUrl();

type Instance = {
  name: string;
  process: ChildProcess;
  output: string[];
  baseUrl: Promise<string>;
  exited: Promise<number | null>;
};

const running: Instance[] = [];

function startInstance(name: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: '',
      TEST_DATABASE_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MAIL_FROM: 'Learning Walks <walks@test.invalid>',
      MAIL_TIMEOUT_SECONDS: '2',
      MAIL_RETRY_DELAY_SECONDS: '1',
      MAIL_RETRY_DELAY_MAX_SECONDS: '2',
      JOBS_INTERVAL_SECONDS: '1',
      SCHEDULED_WORK_SECONDS: '1',
      SHUTDOWN_GRACE_SECONDS: '5',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let resolveUrl: (url: string) => void = () => {};
  const baseUrl = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    const found = /Learning Walks is running at http:\/\/localhost:(\d+)/.exec(output.join(''));
    if (found) resolveUrl(`http://127.0.0.1:${found[1]}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const instance = { name, process: child, output, baseUrl, exited };
  running.push(instance);
  return instance;
}

async function ready(instance: Instance) {
  const url = await Promise.race([
    instance.baseUrl,
    instance.exited.then((code) => {
      throw new Error(
        `${instance.name} exited (${code}) before serving:\n${instance.output.join('')}`,
      );
    }),
  ]);
  return url;
}

if (!serverUrl) {
  describe('several instances (PostgreSQL only)', () => {
    it('are run by the PostgreSQL stage of CI, with TEST_DATABASE_URL set', () => {
      const ci = readFileSync('.ci/run', 'utf8');
      expect(ci).toMatch(/run_tests postgres TEST_DATABASE_URL=postgres:\/\//);
    });
  });
} else {
  describe('several instances on one PostgreSQL', () => {
    afterEach(async () => {
      for (const i of running.splice(0)) {
        if (i.process.exitCode === null) i.process.kill('SIGKILL');
        await i.exited;
      }
    });

    describe('with a trust and a mail server', () => {
      let database: TestDatabase;
      let a: TestTrust;
      let url: string;
      beforeAll(async () => {
        database = await openTestDatabase(undefined, { jobQueue: true });
        if (database.config.database.kind !== 'postgres') throw new Error('PostgreSQL expected');
        url = database.config.database.url;
        a = await createTestTrust(database.db, 'instances');
      });
      afterAll(() => database?.close());

      const today = () => new Date().toISOString().slice(0, 10);
      let actionCount = 0;
      async function addAction(baseUrl: string, title: string) {
        const head = new Client(baseUrl);
        await head.signIn(a.email('school_leader'));
        actionCount += 1;
        const priority = await head.post(`/api/schools/${a.school('North')}/priorities`, {
          title: `Priority ${actionCount}`,
        });
        expect(priority.status, JSON.stringify(priority.body)).toBe(201);
        const action = await head.post(`/api/schools/${a.school('North')}/actions`, {
          title,
          ownerId: a.person(a.email('observer')),
          dueOn: today(),
          priorityId: priority.body.id,
        });
        expect(action.status, JSON.stringify(action.body)).toBe(201);
      }

      async function completed(queue: string) {
        const rows = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${queue} AND state = 'completed'`.execute(
          database.db,
        );
        return rows.rows[0]?.n ?? 0;
      }

      /** Waits until the reminders and mail delivery have each run three more times. */
      async function threeMoreRuns() {
        const before = {
          r: await completed('action-reminders'),
          m: await completed('mail-delivery'),
        };
        await until('three more runs of reminders and mail delivery', async () => {
          return (
            (await completed('action-reminders')) >= before.r + 3 &&
            (await completed('mail-delivery')) >= before.m + 3
          );
        });
      }

      it('two processes: a reminder due once is mailed once, and a server refusing for a while still gets every mail once', async () => {
        // The server refuses the first three messages (451, try later), then accepts.
        const smtp = await startTestSmtp((_m, n): Answer => (n <= 3 ? 'refuse' : 'accept'));
        try {
          const env = { DATABASE_URL: url, SMTP_URL: smtp.url };
          const [one, two] = [startInstance('one', env), startInstance('two', env)];
          const [first] = await Promise.all([ready(one), ready(two)]);
          await addAction(first, 'Talk partners training');
          const reminder = await until(
            'the reminder',
            () => smtp.withSubject('Due soon: Talk partners training')[0],
          );
          expect(reminder.text).toContain('Talk partners training');
          await until(
            'the assignment mail too',
            () => smtp.withSubject('An action is yours: Talk partners training')[0],
          );
          await threeMoreRuns();
          expect(smtp.refused.length).toBe(3);
          expect(smtp.withSubject('Due soon: Talk partners training')).toHaveLength(1);
          const ids = smtp.received.map((m) => m.messageId);
          expect(new Set(ids).size).toBe(ids.length);
          // Other scheduled mail may go out too, depending on today's date (a review with staff
          // falls due near each term's end): every message, whatever it is, arrives once.
          const subjects = smtp.received.map((m) => m.subject);
          expect(new Set(subjects).size, subjects.join('\n')).toBe(subjects.length);
          expect(subjects).toContain('An action is yours: Talk partners training');
        } finally {
          await smtp.close();
        }
      }, 60_000);

      it('a process killed (SIGKILL) while sending leaves the mail to be retried by another; it arrives exactly once', async () => {
        // The server stops answering in the middle of the first reminder, as a hung server would.
        let heldOne = false;
        const smtp = await startTestSmtp((m): Answer => {
          if (!heldOne && m.subject?.startsWith('Due soon: Safeguarding refresher')) {
            heldOne = true;
            return 'hold';
          }
          return 'accept';
        });
        try {
          const env = { DATABASE_URL: url, SMTP_URL: smtp.url, MAIL_TIMEOUT_SECONDS: '1' };
          const one = startInstance('one', env);
          await addAction(await ready(one), 'Safeguarding refresher');
          await until('the reminder to be in the middle of sending', () => smtp.held.length === 1);
          const killedAt = new Date();
          one.process.kill('SIGKILL');
          expect(await one.exited).toBeNull();

          const two = startInstance('two', env);
          await ready(two);
          const mail = await until(
            'the reminder, sent by the second process',
            () => smtp.withSubject('Due soon: Safeguarding refresher')[0],
            40_000,
          );
          expect(mail.text).toContain('Safeguarding refresher');
          // Whatever job the killed process was running is given up as lost and retried.
          await until('no job left running by the killed process', async () => {
            const rows = await sql<{ n: number }>`
              SELECT count(*)::int AS n FROM pgboss.job
              WHERE state = 'active' AND started_on < ${killedAt}`.execute(database.db);
            return rows.rows[0]?.n === 0;
          });
          await threeMoreRuns();
          expect(smtp.withSubject('Due soon: Safeguarding refresher')).toHaveLength(1);
        } finally {
          await smtp.close();
        }
      }, 60_000);
    });

    it('two instances started at once on an empty database: migrations run once, both serve, SIGTERM drains and exits', async () => {
      const name = `lw_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
      try {
        const target = new URL(serverUrl);
        target.pathname = `/${name}`;
        const env = { DATABASE_URL: target.toString(), SMTP_URL: '' };
        const [one, two] = [startInstance('one', env), startInstance('two', env)];
        const urls = await Promise.all([ready(one), ready(two)]);
        const expected = Object.keys(migrations({ appRole: 'lw_app' })).length;
        const said = [one, two].map((i) => /Migrations: [^\n]*/.exec(i.output.join(''))?.[0]);
        expect(said.sort()).toEqual([
          'Migrations: none to run.',
          expect.stringMatching(new RegExp(`^Migrations: ran ${expected} `)),
        ]);
        for (const baseUrl of urls) {
          const res = await fetch(`${baseUrl}/api/ready`);
          expect(res.status).toBe(200);
          expect(await res.json()).toMatchObject({ status: 'ok', migrated: true, draining: false });
        }
        const rows = await adminQuery(
          target.toString(),
          'SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM lw_migrations',
        );
        expect(rows.rows[0]).toEqual({ n: expected, d: expected });

        // SIGTERM: both finish what they are doing and exit cleanly.
        one.process.kill('SIGTERM');
        two.process.kill('SIGTERM');
        expect(await one.exited).toBe(0);
        expect(await two.exited).toBe(0);
      } finally {
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }, 60_000);
  });
}
