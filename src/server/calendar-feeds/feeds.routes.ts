import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  calendarFeedCreatedSchema,
  calendarFeedStatusSchema,
  calendarFileParamsSchema,
} from '../../contracts/notices.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { createFeed, feedStatus, renderFeed, revokeFeed } from './feeds.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

/** Calendar apps poll a feed every few hours; this is generous for them and stops guessing. */
const FEED_READS_PER_MINUTE = 30;
/** How long a calendar app may keep a copy before asking again. */
const FEED_MAX_AGE_SECONDS = 15 * 60;

export const calendarFeedRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether you have a private calendar feed (its address is only shown when made)',
        response: { 200: calendarFeedStatusSchema, ...errors },
      },
    },
    async (request) => feedStatus(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Make a private iCalendar address of the walks that concern you; any earlier address stops working',
        response: { 201: calendarFeedCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFeed(deps, requireSignedIn(request), request.id)),
  );

  app.delete(
    '/api/me/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke your calendar feed: its address answers 404 from now on',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeFeed(deps, requireSignedIn(request), request.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/calendar/:file',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'A private calendar feed (text/calendar). No session: the address is the credential. Rate-limited.',
        params: calendarFileParamsSchema,
        response: {
          200: z.string().describe('text/calendar'),
          304: z.null(),
          404: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      config: {
        rateLimit: {
          max: FEED_READS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => `feed|${request.ip}`,
          errorResponseBuilder: () => ({
            statusCode: 429,
            message: 'Too many calendar requests from this address. Wait a minute, then try again.',
          }),
        },
      },
    },
    async (request, reply) => {
      const feed = await renderFeed(deps, request.params.file);
      reply
        .header('cache-control', `private, max-age=${FEED_MAX_AGE_SECONDS}`)
        .header('etag', feed.etag)
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer');
      // The copy the calendar app holds is current ('*': any copy of a feed that exists).
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch === feed.etag || ifNoneMatch === '*') return reply.status(304).send(null);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="learning-walks.ics"')
        .send(feed.body);
    },
  );
};
