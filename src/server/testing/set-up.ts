import { withTenant } from '../db/with-tenant.ts';
import type { TestTrust } from './factories.ts';
import { Client, type TestApp } from './test-app.ts';

/** Signed-in clients, one per email, reused across a test file. */
export function signedIn(t: () => TestApp) {
  const clients = new Map<string, Client>();
  return async (email: string) => {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t().baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  };
}

/** How many audit events of this action the trust has. */
export async function auditCount(t: TestApp, trust: TestTrust, action: string) {
  const rows = await withTenant(t.db, trust.trustId, (tx) =>
    tx.selectFrom('audit_events').select('action').where('action', '=', action).execute(),
  );
  return rows.length;
}
