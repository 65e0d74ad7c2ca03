import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionInputSchema,
  actionParamsSchema,
  actionSchema,
  boardSchema,
  followUpInputSchema,
  myActionsSchema,
  priorityInputSchema,
  priorityListSchema,
  priorityParamsSchema,
  schoolParamsSchema,
  statusInputSchema,
} from '../../contracts/actions.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  board,
  createAction,
  createPriority,
  listPriorities,
  myActions,
  scheduleFollowUp,
  setActionStatus,
  updateAction,
  updatePriority,
} from './actions.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };

export const actionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/priorities',
    {
      schema: {
        tags: ['actions'],
        summary: 'The school improvement plan’s priorities',
        params: schoolParamsSchema,
        response: { 200: priorityListSchema, ...errors },
      },
    },
    async (request) => listPriorities(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/priorities',
    {
      schema: {
        tags: ['actions'],
        summary: 'Add a priority to the school improvement plan',
        params: schoolParamsSchema,
        body: priorityInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await createPriority(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.put(
    '/api/priorities/:priorityId',
    {
      schema: {
        tags: ['actions'],
        summary: 'Change or archive a priority',
        params: priorityParamsSchema,
        body: priorityInputSchema,
        response: { 200: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request) =>
      updatePriority(deps, requireSignedIn(request), request.params.priorityId, request.body),
  );

  app.get(
    '/api/schools/:schoolId/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'The school’s actions board: to do, doing, done, with overdue actions marked',
        params: schoolParamsSchema,
        response: { 200: boardSchema, ...errors },
      },
    },
    async (request) => board(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/actions',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Add an action (owner, due date, priority; optionally the debrief next step it carries)',
        params: schoolParamsSchema,
        body: actionInputSchema,
        response: { 201: actionSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await createAction(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.put(
    '/api/actions/:actionId',
    {
      schema: {
        tags: ['actions'],
        summary: 'Change an action',
        params: actionParamsSchema,
        body: actionInputSchema,
        response: { 200: actionSchema, ...changeErrors },
      },
    },
    async (request) =>
      updateAction(deps, requireSignedIn(request), request.params.actionId, request.body),
  );

  app.post(
    '/api/actions/:actionId/status',
    {
      schema: {
        tags: ['actions'],
        summary: 'Move an action to to do, doing or done (its owner or a school leader)',
        params: actionParamsSchema,
        body: statusInputSchema,
        response: { 200: actionSchema, ...changeErrors },
      },
    },
    async (request) =>
      setActionStatus(deps, requireSignedIn(request), request.params.actionId, request.body),
  );

  app.post(
    '/api/actions/:actionId/follow-up-walk',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Plan a follow-up walk on the same focus (a draft walk, every protocol rule applied), linked to the action',
        params: actionParamsSchema,
        body: followUpInputSchema,
        response: {
          201: z.object({ walkId: z.uuid(), action: actionSchema }),
          ...changeErrors,
        },
      },
    },
    async (request, reply) => {
      const result = await scheduleFollowUp(
        deps,
        requireSignedIn(request),
        request.params.actionId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/me/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Actions I own, in every school',
        response: { 200: myActionsSchema, ...errors },
      },
    },
    async (request) => myActions(deps, requireSignedIn(request)),
  );
};
