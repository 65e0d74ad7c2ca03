import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../http/context.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ reachable: z.boolean(), backend: z.enum(['pglite', 'postgres']) }),
});

export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the database is reachable, and which backend is in use',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      let reachable = true;
      try {
        await sql`SELECT 1`.execute(deps.db);
      } catch {
        reachable = false;
      }
      return reply.status(reachable ? 200 : 503).send({
        status: reachable ? 'ok' : 'unavailable',
        database: { reachable, backend: deps.backend },
      });
    },
  );
};
