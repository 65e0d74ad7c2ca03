import { sql } from 'kysely';
import { createTestTrust } from '../src/server/testing/factories.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { compare } from './measure.ts';

/**
 * What a signed-in request costs: GET /api/me (cookie → session lookup inside the
 * tenant's RLS transaction → memberships) against GET /api/health (one bare SELECT 1)
 * through the same HTTP stack, and the tenant transaction alone against a bare query.
 */
export async function sessionBench() {
  const t = await startTestApp();
  try {
    const trust = await createTestTrust(t.db, 'bench-trust');
    const client = new Client(t.baseUrl);
    await client.signIn(trust.email('school_leader'));
    const { withTenant } = await import('../src/server/db/with-tenant.ts');
    return [
      await compare(
        `signed-in request (GET /api/me) on ${t.database.backend}`,
        () => client.get('/api/me'),
        'GET /api/health (same HTTP stack, one SELECT 1)',
        () => client.get('/api/health'),
      ),
      await compare(
        `tenant transaction (set_config + RLS query of memberships) on ${t.database.backend}`,
        () =>
          withTenant(t.db, trust.trustId, (tx) =>
            tx.selectFrom('memberships').select('role').execute(),
          ),
        'a bare SELECT 1 outside any transaction',
        () => sql`SELECT 1`.execute(t.db),
      ),
    ];
  } finally {
    await t.close();
  }
}
