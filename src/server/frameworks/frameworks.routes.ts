import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  createFocusSchema,
  createFrameworkSchema,
  createSchoolLookForSchema,
  exchangeSchema,
  fociListSchema,
  focusParamsSchema,
  focusSchema,
  frameworkBodySchema,
  frameworkListSchema,
  frameworkParamsSchema,
  importResultSchema,
  libraryListSchema,
  schoolLookForSchema,
  versionDetailSchema,
  versionParamsSchema,
} from '../../contracts/frameworks.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import * as service from './frameworks.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const frameworkRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/frameworks',
    {
      schema: {
        tags: ['frameworks'],
        summary: "The trust's frameworks and their versions",
        response: { 200: frameworkListSchema, ...errors },
      },
    },
    async (request) => service.listFrameworks(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/frameworks/library',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'The built-in frameworks a trust can start from',
        response: { 200: libraryListSchema, ...errors },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return { library: service.listLibrary() };
    },
  );

  app.post(
    '/api/frameworks',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'Create a framework (empty, or from the library) with a draft version 1',
        body: createFrameworkSchema,
        response: { 201: versionDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await service.createFramework(deps, requireSignedIn(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/frameworks/import',
    {
      schema: {
        tags: ['frameworks'],
        summary:
          'Import a framework from its JSON exchange format, as a new draft (docs/frameworks.md)',
        body: exchangeSchema,
        response: { 201: importResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const imported = await service.importFramework(deps, requireSignedIn(request), request.body);
      return reply.status(201).send(imported);
    },
  );

  app.get(
    '/api/frameworks/:frameworkId/versions/:versionNo',
    {
      schema: {
        tags: ['frameworks'],
        summary:
          'One version of a framework: lenses, look-fors and (for a draft) what blocks publishing',
        params: versionParamsSchema,
        response: { 200: versionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.getVersion(
        deps,
        requireSignedIn(request),
        request.params.frameworkId,
        request.params.versionNo,
      ),
  );

  app.get(
    '/api/frameworks/:frameworkId/versions/:versionNo/export',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'One version in the JSON exchange format',
        params: versionParamsSchema,
        response: { 200: exchangeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const exchange = await service.exportVersion(
        deps,
        requireSignedIn(request),
        request.params.frameworkId,
        request.params.versionNo,
      );
      const file = `${exchange.framework.name.replace(/[^A-Za-z0-9]+/g, '-')}-v${request.params.versionNo}.json`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      return exchange;
    },
  );

  app.put(
    '/api/frameworks/:frameworkId/draft',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'Save the draft version: its name, lenses and look-fors, replaced as a whole',
        params: frameworkParamsSchema,
        body: frameworkBodySchema,
        response: { 200: versionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.saveDraft(deps, requireSignedIn(request), request.params.frameworkId, request.body),
  );

  app.post(
    '/api/frameworks/:frameworkId/draft/publish',
    {
      schema: {
        tags: ['frameworks'],
        summary:
          'Publish the draft, freezing it. Refused (422 framework_rejected) while any prompt grades the teacher or asks pupils about them',
        params: frameworkParamsSchema,
        response: { 200: versionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.publishDraft(deps, requireSignedIn(request), request.params.frameworkId),
  );

  app.post(
    '/api/frameworks/:frameworkId/versions',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'Start a new draft version from the latest published one, with continuity kept',
        params: frameworkParamsSchema,
        response: { 201: versionDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const draft = await service.startNewVersion(
        deps,
        requireSignedIn(request),
        request.params.frameworkId,
      );
      return reply.status(201).send(draft);
    },
  );

  app.get(
    '/api/schools/:schoolId/foci',
    {
      schema: {
        tags: ['frameworks'],
        summary: "A school's foci and its own extra look-fors",
        params: schoolParamsSchema,
        response: { 200: fociListSchema, ...errors },
      },
    },
    async (request) =>
      service.listSchoolFoci(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/foci',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'Set a focus: look-fors from a published framework version plus a purpose',
        params: schoolParamsSchema,
        body: createFocusSchema,
        response: { 201: focusSchema, ...errors },
      },
    },
    async (request, reply) => {
      const focus = await service.createFocus(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(focus);
    },
  );

  app.delete(
    '/api/schools/:schoolId/foci/:focusId',
    {
      schema: {
        tags: ['frameworks'],
        summary: 'Remove a focus',
        params: focusParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeFocus(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.focusId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/schools/:schoolId/look-fors',
    {
      schema: {
        tags: ['frameworks'],
        summary: "Add one of the school's own look-fors (kept apart from trust-wide comparison)",
        params: schoolParamsSchema,
        body: createSchoolLookForSchema,
        response: { 201: schoolLookForSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await service.createSchoolLookFor(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );
};
