import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  myWalksSchema,
  walkDetailSchema,
  walkListQuerySchema,
  walkListSchema,
  walkParamsSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';

import { errors } from './route-errors.ts';
import * as reading from './walk-reading.service.ts';

export const walkReadingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/walks',
    {
      schema: {
        tags: ['walks'],
        summary: "A school's walks (school leaders)",
        params: schoolParamsSchema,
        querystring: walkListQuerySchema,
        response: { 200: walkListSchema, ...errors },
      },
    },
    async (request) =>
      reading.listSchoolWalks(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.query,
      ),
  );

  app.get(
    '/api/walks/:walkId',
    {
      schema: {
        tags: ['walks'],
        summary: 'A walk with its route of visits and what would stop it being published',
        params: walkParamsSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) => reading.walkDetail(deps, requireSignedIn(request), request.params.walkId),
  );

  app.get(
    '/api/me/walks',
    {
      schema: {
        tags: ['walks'],
        summary: 'The published walks I observe, from today on',
        response: { 200: myWalksSchema, ...errors },
      },
    },
    async (request) => reading.myWalks(deps, requireSignedIn(request)),
  );
};
