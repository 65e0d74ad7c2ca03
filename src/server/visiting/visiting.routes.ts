import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  hostDecisionSchema,
  hostSchoolsSchema,
  networkInputSchema,
  networksSchema,
  visitingProposalSchema,
  visitingWalkParamsSchema,
  visitingWalkSchema,
  visitingWalksSchema,
} from '../../contracts/observers.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  createNetwork,
  decideOnVisitingWalk,
  hostSchools,
  listNetworks,
  listVisitingWalks,
  proposeVisitingWalk,
} from './visiting.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['walks across schools'];

export const visitingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Networks (named groups across schools): all for trust leaders, mine otherwise',
        response: { 200: networksSchema, ...errors },
      },
    },
    async (request) => listNetworks(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Set up a network and its leads (trust leaders and admins)',
        body: networkInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createNetwork(deps, requireSignedIn(request), request.body);
    },
  );

  app.get(
    '/api/visiting-walks/hosts',
    {
      schema: {
        tags,
        summary: 'Schools a walk may be proposed in, with their foci (proposers only)',
        response: { 200: hostSchoolsSchema, 422: apiErrorSchema, ...errors },
      },
    },
    async (request) => hostSchools(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/visiting-walks',
    {
      schema: {
        tags,
        summary:
          'Walks across schools I have a part in: proposed by me or my network, hosted by my school, or visited by me',
        response: { 200: visitingWalksSchema, ...errors },
      },
    },
    async (request) => listVisitingWalks(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/visiting-walks',
    {
      schema: {
        tags,
        summary:
          'Propose a walk in another school (a trust leader, or a network’s lead); it is a draft of the host school until its head agrees',
        body: visitingProposalSchema,
        response: { 201: visitingWalkSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return proposeVisitingWalk(deps, requireSignedIn(request), request.body);
    },
  );

  app.post(
    '/api/visiting-walks/:walkId/decision',
    {
      schema: {
        tags,
        summary: 'The host school’s head agrees, or declines with a reason',
        params: visitingWalkParamsSchema,
        body: hostDecisionSchema,
        response: { 200: visitingWalkSchema, ...changeErrors },
      },
    },
    async (request) =>
      decideOnVisitingWalk(deps, requireSignedIn(request), request.params.walkId, request.body),
  );
};
