import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { httpDuration, httpRequests, registry } from '../metrics/metrics.ts';

/** Counts every answer by its route pattern (never the path with its ids), method and status. */
export function registerRequestMetrics(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const method = request.method;
    httpRequests.inc({ method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
  });
}

function sameToken(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics, in Prometheus's text format, for whoever holds METRICS_TOKEN (a bearer token):
 * the figures say how busy the service is and nothing about any trust or person, but an
 * operator decides who sees even that. With no METRICS_TOKEN the route answers 404.
 */
export const metricsRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (!token) {
      throw new AppError(
        'metrics_off',
        'Metrics are off: set METRICS_TOKEN on the server to turn on GET /metrics (README, "Metrics").',
      );
    }
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameToken(given, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError(
        'metrics_token_invalid',
        'GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>; the token sent is missing or wrong.',
      );
    }
    const body = await registry.metrics();
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
