import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { describeMe } from '../auth/auth.service.ts';
import { readConfig } from '../config.ts';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, TEST_PASSWORD, type TestTrust } from '../testing/factories.ts';
import { Client, testClock } from '../testing/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';

/**
 * Issue 22: a signed-in GET /api/me reads the session, the person and their roles in one
 * tenant transaction and one statement (it was two transactions, about ten statements, with
 * the roles read twice). Every statement the app sends passes through this counting plugin.
 */
describe('statements per signed-in request', () => {
  const sent: string[] = [];
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      sent.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  let database: TestDatabase;
  let close: () => Promise<void>;
  let baseUrl: string;
  let trust: TestTrust;

  beforeAll(async () => {
    database = await openTestDatabase();
    const clock = testClock();
    const app = await buildApp({
      config: { ...readConfig({ LOG_LEVEL: 'silent' }), database: database.config.database },
      database: { ...database, db: database.db.withPlugin(counting) },
      now: clock.now,
      serveWeb: false,
      credentialConsole: () => {},
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    close = async () => {
      await app.close();
      await database.close();
    };
    trust = await createTestTrust(database.db, 'statements');
  });
  afterAll(() => close());

  it('answers GET /api/me with one tenant transaction of one statement, the same answer as reading it afresh', async () => {
    const client = new Client(baseUrl);
    await client.signIn(trust.email('school_leader'), TEST_PASSWORD);
    sent.length = 0;
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    // The tenant setting (which opens the transaction) and the session with person and roles.
    expect(sent).toEqual(['RawNode', 'SelectQueryNode']);
    const afresh = await withTenant(database.db, trust.trustId, (tx) =>
      describeMe(tx, trust.person(trust.email('school_leader')), me.body.csrfToken),
    );
    expect(me.body).toEqual(afresh);
    expect(me.body.memberships.length).toBeGreaterThan(0);
  });
});
