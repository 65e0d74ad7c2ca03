import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  captureBundleSchema,
  handInResultSchema,
  photoParamsSchema,
  putPhotoResultSchema,
  putRecordResultSchema,
  putRecordSchema,
  recordParamsSchema,
  recordSchema,
  walkParamsSchema,
} from '../../contracts/records.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  captureBundle,
  handIn,
  MAX_PHOTO_BYTES,
  putPhoto,
  putRecord,
  readPhoto,
  recordVersions,
} from './records.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

export const recordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // Photos arrive as the JPEG itself; this parser is scoped to this plugin's routes.
  app.addContentTypeParser(
    'image/jpeg',
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/walks/:walkId/capture',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Everything a device needs to capture a walk offline: brief, route, look-fors, the names the language checker needs, and this observer’s records',
        params: walkParamsSchema,
        response: { 200: captureBundleSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (request) => captureBundle(deps, requireSignedIn(request), request.params.walkId),
  );

  app.put(
    '/api/records/:recordId',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Store a record under the UUID the device made. Identical resend: 200, unchanged. Same id, other body, no or stale baseVersion: 409 with the current version. Refusals: 422 with a code.',
        params: recordParamsSchema,
        body: putRecordSchema,
        response: {
          200: putRecordResultSchema,
          201: putRecordResultSchema,
          409: apiErrorSchema,
          422: apiErrorSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { status, result } = await putRecord(
        deps,
        requireSignedIn(request),
        request.params.recordId,
        request.body,
      );
      return reply.status(status).send(result);
    },
  );

  app.get(
    '/api/records/:recordId/versions',
    {
      schema: {
        tags: ['capture'],
        summary: 'A record and the versions kept of it since hand-in (its observer only)',
        params: recordParamsSchema,
        response: {
          200: z.object({
            record: recordSchema,
            versions: z.array(
              z.object({
                versionNo: z.number().int(),
                bodyHash: z.string(),
                createdAt: z.iso.datetime(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => recordVersions(deps, requireSignedIn(request), request.params.recordId),
  );

  app.post(
    '/api/walks/:walkId/records/hand-in',
    {
      schema: {
        tags: ['capture'],
        summary: "Hand in this observer's records for the walk; later edits become new versions",
        description:
          'Protocol rule 9: refused with 422 neutral_language, and nothing handed in, while a record holds a pupil’s name or a flagged phrase (a staff name, wording about the teacher, a judgement) not kept with a reason in body.kept. details.spans lists each: recordId, visitId, field, start, end, phrase, kind, reason, hint, keepable. An edit after hand-in is checked the same way.',
        params: walkParamsSchema,
        response: { 200: handInResultSchema, 422: apiErrorSchema, ...errors },
      },
    },
    async (request) => {
      const auth = requireSignedIn(request);
      return handIn(deps, auth, request.params.walkId, request.log);
    },
  );

  app.put(
    '/api/records/:recordId/photos/:photoId',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      schema: {
        tags: ['capture'],
        summary:
          'Attach a photo (the JPEG itself, Content-Type: image/jpeg, no EXIF) under a UUID the device made; same idempotency as records',
        params: photoParamsSchema,
        response: {
          200: putPhotoResultSchema,
          201: putPhotoResultSchema,
          409: apiErrorSchema,
          422: apiErrorSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const auth = requireSignedIn(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'unsupported_media_type',
          'Send the photo as the JPEG itself, with Content-Type: image/jpeg.',
        );
      }
      const { status, result } = await putPhoto(
        deps,
        auth,
        request.params.recordId,
        request.params.photoId,
        new Uint8Array(request.body),
      );
      return reply.status(status).send(result);
    },
  );

  app.get(
    '/api/records/:recordId/photos/:photoId',
    {
      schema: {
        tags: ['capture'],
        summary: 'A photo of a record (its observer only), as JPEG',
        params: photoParamsSchema,
        response: { 200: z.unknown().describe('The JPEG bytes (image/jpeg)'), ...errors },
      },
    },
    async (request, reply) => {
      const { bytes, mime } = await readPhoto(
        deps,
        requireSignedIn(request),
        request.params.recordId,
        request.params.photoId,
      );
      return reply
        .header('content-type', mime)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes));
    },
  );
};
