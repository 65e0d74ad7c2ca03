import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../http/context.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ reachable: z.boolean(), backend: z.enum(['pglite', 'postgres']) }),
});

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
 * (/api/ready) asks the database now, for a load balancer deciding where to send traffic.
 */
export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
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
        summary: 'Readiness: whether the database answers now, and which backend is in use',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      reachable = await probe(deps);
      return reply.status(reachable ? 200 : 503).send(answer(reachable));
    },
  );
};
