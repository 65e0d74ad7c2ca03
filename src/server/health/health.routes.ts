import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { migrations } from '../db/migrations/index.ts';
import type { AppDeps } from '../http/context.ts';
import type { Lifecycle } from './lifecycle.ts';

// 'starting': answered before the app has loaded, while the database opens (early-server.ts).
const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable', 'starting']),
  database: z.object({ reachable: z.boolean(), backend: z.enum(['pglite', 'postgres']) }),
});

const readySchema = healthSchema.extend({
  status: z.enum(['ok', 'unavailable', 'migrating', 'draining', 'starting']),
  /** Every migration this code knows has run. */
  migrated: z.boolean(),
  /** The process has been told to stop (SIGTERM) and takes no new work. */
  draining: z.boolean(),
});

export type HealthOptions = AppDeps & { lifecycle: Lifecycle };

/** The migrations this code expects; /api/ready is 503 until the database has them all. */
const expectedMigrations = Object.keys(migrations({ appRole: 'lw_app' }));

async function allMigrated(deps: AppDeps): Promise<boolean> {
  try {
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM lw_migrations WHERE name = ANY(${expectedMigrations})`.execute(
      deps.db,
    );
    return rows.rows[0]?.n === expectedMigrations.length;
  } catch {
    return false;
  }
}

/** How often the liveness answer's database figure is refreshed in the background. */
const PROBE_EVERY_MS = 5_000;

async function probe(deps: AppDeps): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(deps.db);
    return true;
  } catch {
    return false;
  }
}

/**
 * Liveness (/api/health) never waits for the database: it answers from the last background
 * probe, so a busy database (a long import) cannot make the process look dead. Readiness
 * (/api/ready) asks the database now, for a load balancer deciding where to send traffic: it
 * also needs every migration this code knows to have run, and answers 503 while draining.
 */
export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, deps) => {
  let reachable = await probe(deps);
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void probe(deps).then((ok) => {
      reachable = ok;
      probing = false;
    });
  }, PROBE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  const answer = (ok: boolean) => ({
    status: ok ? ('ok' as const) : ('unavailable' as const),
    database: { reachable: ok, backend: deps.backend },
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary:
          'Liveness: the process answers; the database figure is from the last background check',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => reply.status(reachable ? 200 : 503).send(answer(reachable)),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['health'],
        summary:
          'Readiness: the database answers now, every migration has run, and the process is not shutting down',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const draining = deps.lifecycle.draining;
      reachable = await probe(deps);
      const migrated = reachable && (await allMigrated(deps));
      const status = draining
        ? ('draining' as const)
        : !reachable
          ? ('unavailable' as const)
          : !migrated
            ? ('migrating' as const)
            : ('ok' as const);
      return reply.status(status === 'ok' ? 200 : 503).send({
        status,
        database: { reachable, backend: deps.backend },
        migrated,
        draining,
      });
    },
  );
};
