import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  protocolReportParamsSchema,
  protocolReportSchema,
  termReportQuerySchema,
} from '../../contracts/notices.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { programmeProtocolReport, termProtocolReport } from './report.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

export const protocolReportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/programmes/:programmeId/protocol-report',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'The protocol report for a programme: each rule kept, broken or not applicable, with evidence. Names no teacher.',
        params: protocolReportParamsSchema,
        response: { 200: protocolReportSchema, ...errors },
      },
    },
    async (request) =>
      programmeProtocolReport(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.programmeId,
        request.id,
      ),
  );

  app.get(
    '/api/schools/:schoolId/protocol-report',
    {
      schema: {
        tags: ['programmes'],
        summary: "The protocol report for one term of the school's calendar (every walk in it)",
        params: schoolParamsSchema,
        querystring: termReportQuerySchema,
        response: { 200: protocolReportSchema, ...errors },
      },
    },
    async (request) =>
      termProtocolReport(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.query.termId,
        request.id,
      ),
  );
};
