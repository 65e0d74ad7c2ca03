import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  agreementParamsSchema,
  agreementSchema,
  noticeListSchema,
  noticeParamsSchema,
  noticeQuerySchema,
  noticeReadSchema,
  noticesReadSchema,
} from '../../contracts/notices.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  agreeToVisit,
  listMyNotices,
  markAllNoticesRead,
  markNoticeRead,
} from './notices.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

export const noticeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/me/notices',
    {
      schema: {
        tags: ['notices'],
        summary:
          'Your notices, newest first: walks that visit your lessons or that you observe, and changes to them',
        querystring: noticeQuerySchema,
        response: { 200: noticeListSchema, ...errors },
      },
    },
    async (request) =>
      listMyNotices(deps, requireSignedIn(request), {
        limit: request.query.limit,
        unreadOnly: request.query.unread,
      }),
  );

  app.post(
    '/api/me/notices/read',
    {
      schema: {
        tags: ['notices'],
        summary: 'Mark all your notices read',
        response: { 200: noticesReadSchema, ...errors },
      },
    },
    async (request) => markAllNoticesRead(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/me/notices/:noticeId/read',
    {
      schema: {
        tags: ['notices'],
        summary: 'Mark one of your notices read',
        params: noticeParamsSchema,
        response: { 200: noticeReadSchema, ...errors },
      },
    },
    async (request) => markNoticeRead(deps, requireSignedIn(request), request.params.noticeId),
  );

  app.post(
    '/api/me/visits/:visitId/agreement',
    {
      schema: {
        tags: ['notices'],
        summary:
          'Agree, as the visited teacher, to a visit moved inside the notice period (it goes ahead only then)',
        params: agreementParamsSchema,
        response: { 200: agreementSchema, ...errors },
      },
    },
    async (request) =>
      agreeToVisit(deps, requireSignedIn(request), request.params.visitId, request.id),
  );
};
