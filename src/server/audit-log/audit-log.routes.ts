import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditPageSchema,
  auditQuerySchema,
  recordReadersSchema,
} from '../../contracts/data-protection.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { auditLog, auditLogCsv, myRecordReaders } from './audit-log.service.ts';

/** Issue 17: the audit log for trust admins; a teacher's "who read my records". */
export const auditLogRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const errors = {
    400: apiErrorSchema,
    401: apiErrorSchema,
    403: apiErrorSchema,
    404: apiErrorSchema,
  };
  app.get(
    '/api/trust/audit',
    {
      schema: {
        tags: ['data protection'],
        summary:
          'Who read or changed what: the trust’s audit log, filtered by person, kind, dates and school (trust admins)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errors },
      },
    },
    async (request) => auditLog(deps, requireSignedIn(request), request.query),
  );

  app.get(
    '/api/trust/audit.csv',
    {
      schema: {
        tags: ['data protection'],
        summary: 'The filtered audit log as CSV (trust admins)',
        querystring: auditQuerySchema,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const csv = await auditLogCsv(deps, requireSignedIn(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(csv);
    },
  );

  app.get(
    '/api/me/record-readers',
    {
      schema: {
        tags: ['data protection'],
        summary: 'Who read the records (and photos) of visits to my lessons, and when',
        response: { 200: recordReadersSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => myRecordReaders(deps, requireSignedIn(request)),
  );
};
