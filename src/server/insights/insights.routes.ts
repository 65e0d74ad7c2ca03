import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  schoolCsvQuerySchema,
  schoolInsightsQuerySchema,
  schoolInsightsSchema,
  trustCsvQuerySchema,
  trustInsightsQuerySchema,
  trustInsightsSchema,
} from '../../contracts/insights.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { schoolCsv, trustCsv } from './exports.ts';
import { schoolInsights, trustInsights, trustName } from './insights.service.ts';
import { schoolReportPdf, trustReportPdf } from './report-pdfs.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'insights';

/** Insights (issue 8): dashboards, their tables as CSV, and reports as PDF. Aggregates only. */
export const insightsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/insights',
    {
      schema: {
        tags: ['insights'],
        summary:
          "The school's dashboard: evidence per lens and look-for with uncertainty, trends, coverage, themes, bright spots and actions. Suppressed below k teachers; no teacher named.",
        params: schoolParamsSchema,
        querystring: schoolInsightsQuerySchema,
        response: { 200: schoolInsightsSchema, ...errors },
      },
    },
    async (request) =>
      schoolInsights(deps, requireSignedIn(request), request.params.schoolId, request.query),
  );

  app.get(
    '/api/schools/:schoolId/insights/csv',
    {
      schema: {
        tags: ['insights'],
        summary:
          "One of the school dashboard's tables as CSV (UTF-8 with a byte-order mark, for Excel)",
        params: schoolParamsSchema,
        querystring: schoolCsvQuerySchema,
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      const data = await schoolInsights(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        query,
      );
      // If-None-Match: * asks only whether the table exists (it does, once authorised).
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${slug(data.school.name)}-${table}.csv"`,
        )
        .header('cache-control', 'private, no-store')
        .send(schoolCsv(data, table));
    },
  );

  app.get(
    '/api/schools/:schoolId/insights/report.pdf',
    {
      schema: {
        tags: ['insights'],
        summary:
          "A PDF report of the school's themes, progress and actions for governors; no teacher named",
        params: schoolParamsSchema,
        querystring: schoolInsightsQuerySchema,
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const data = await schoolInsights(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.query,
      );
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      const name = await trustName(deps, requireSignedIn(request));
      const pdf = await schoolReportPdf(data, name, deps.now().toISOString().slice(0, 10));
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${slug(data.school.name)}-report.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/insights/trust',
    {
      schema: {
        tags: ['insights'],
        summary:
          "The trust's dashboard: each school's figures beside the trust's, where support might help, and how the walks are run. Aggregates only.",
        querystring: trustInsightsQuerySchema,
        response: { 200: trustInsightsSchema, ...errors },
      },
    },
    async (request) => trustInsights(deps, requireSignedIn(request), request.query),
  );

  app.get(
    '/api/insights/trust/csv',
    {
      schema: {
        tags: ['insights'],
        summary: "One of the trust dashboard's tables as CSV (UTF-8 with a byte-order mark)",
        querystring: trustCsvQuerySchema,
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      const data = await trustInsights(deps, requireSignedIn(request), query);
      // If-None-Match: * asks only whether the table exists (it does, once authorised).
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="trust-${table}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(trustCsv(data, table));
    },
  );

  app.get(
    '/api/insights/trust/report.pdf',
    {
      schema: {
        tags: ['insights'],
        summary: 'A PDF report across the trust for the board; no teacher named',
        querystring: trustInsightsQuerySchema,
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const auth = requireSignedIn(request);
      const data = await trustInsights(deps, auth, request.query);
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      const name = await trustName(deps, auth);
      const pdf = await trustReportPdf(data, name, deps.now().toISOString().slice(0, 10));
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="trust-report.pdf"')
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
