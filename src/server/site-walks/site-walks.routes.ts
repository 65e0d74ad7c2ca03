import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  closeActionInputSchema,
  estateSchema,
  findingInputSchema,
  findingParamsSchema,
  findingPhotoParamsSchema,
  guestLinkSchema,
  guestOpenInputSchema,
  guestOpenResultSchema,
  guestParamsSchema,
  guestWalkSchema,
  placeInputSchema,
  placeKindInputSchema,
  placeParamsSchema,
  placeSchema,
  printableChecklistSchema,
  publishResultSchema,
  putFindingResultSchema,
  putSitePhotoResultSchema,
  raiseActionInputSchema,
  scheduleCreatedSchema,
  scheduleInputSchema,
  scheduleListSchema,
  schoolParamsSchema,
  siteActionListSchema,
  siteActionParamsSchema,
  siteActionPhotoParamsSchema,
  siteActionResponseSchema,
  siteDashboardSchema,
  siteWalkInputSchema,
  siteWalkListSchema,
  siteWalkParamsSchema,
  siteWalkResponseSchema,
  trustSiteDashboardSchema,
  updateActionInputSchema,
  verifyActionInputSchema,
} from '../../contracts/site-walks.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  guestToken,
  guestWalk,
  MAX_SITE_PHOTO_BYTES,
  openGuestLink,
  putFinding,
  putFindingPhoto,
  putGuestFinding,
  putGuestPhoto,
  readSitePhoto,
} from './findings.service.ts';
import { createSchedule, listSchedules } from './schedules.service.ts';
import {
  closeSiteAction,
  getSiteAction,
  listSiteActions,
  putActionPhoto,
  raiseAction,
  updateSiteAction,
  verifySiteAction,
} from './site-actions.service.ts';
import {
  siteDashboard,
  siteReportCsv,
  siteReportPdf,
  trustSiteDashboard,
} from './site-reports.service.ts';
import {
  addPlace,
  estate,
  issueGuestLink,
  listSiteWalks,
  planSiteWalk,
  printableChecklist,
  publishSiteWalk,
  setPlaceKind,
  siteWalkDetail,
} from './site-walks.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const photoParams = z.object({ photoId: z.uuid({ error: 'A photo id is a UUID.' }) });

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'school';

function jpeg(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body))
    throw new AppError(
      'unsupported_media_type',
      'Send the photo as the JPEG itself, with Content-Type: image/jpeg.',
    );
  return new Uint8Array(body);
}

/** Site walks (issue 14): estate, planning, capture, guests, site actions, schedules, reports. */
export const siteWalkRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.addContentTypeParser(
    'image/jpeg',
    { parseAs: 'buffer', bodyLimit: MAX_SITE_PHOTO_BYTES },
    (_request, body, done) => done(null, body),
  );
  const tags = ['site walks'];

  // The estate ---------------------------------------------------------------------------------
  app.get(
    '/api/schools/:schoolId/estate',
    {
      schema: {
        tags,
        summary: 'The school’s estate: every room and area by building and floor, with its kind',
        params: schoolParamsSchema,
        response: { 200: estateSchema, ...errors },
      },
    },
    async (request) => estate(deps, requireSignedIn(request), request.params.schoolId),
  );
  app.post(
    '/api/schools/:schoolId/estate',
    {
      schema: {
        tags,
        summary: 'Add an area to the estate (a corridor, the playground, a plant room…)',
        params: schoolParamsSchema,
        body: placeInputSchema,
        response: { 201: z.object({ place: placeSchema }), ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addPlace(deps, requireSignedIn(request), request.params.schoolId, request.body),
        ),
  );
  app.put(
    '/api/schools/:schoolId/estate/:roomId',
    {
      schema: {
        tags,
        summary: 'Set what kind of area a place is, and whether lessons are taught there',
        params: placeParamsSchema,
        body: placeKindInputSchema,
        response: { 200: z.object({ place: placeSchema }), ...changeErrors },
      },
    },
    async (request) =>
      setPlaceKind(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.roomId,
        request.body,
      ),
  );

  // Site walks ---------------------------------------------------------------------------------
  app.get(
    '/api/schools/:schoolId/site-walks',
    {
      schema: {
        tags,
        summary: 'The school’s site walks, latest first',
        params: schoolParamsSchema,
        response: { 200: siteWalkListSchema, ...errors },
      },
    },
    async (request) => listSiteWalks(deps, requireSignedIn(request), request.params.schoolId),
  );
  app.post(
    '/api/schools/:schoolId/site-walks',
    {
      schema: {
        tags,
        summary:
          'Plan a site walk over places: lead, checklist, statement of next steps, specialists and guests (at most two people in any place)',
        params: schoolParamsSchema,
        body: siteWalkInputSchema,
        response: { 201: siteWalkResponseSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await planSiteWalk(deps, requireSignedIn(request), request.params.schoolId, request.body),
        ),
  );
  app.get(
    '/api/site-walks/:walkId',
    {
      schema: {
        tags,
        summary:
          'A site walk: places with their checklist items and open or recently closed actions, findings',
        params: siteWalkParamsSchema,
        response: { 200: siteWalkResponseSchema, ...errors },
      },
    },
    async (request) => siteWalkDetail(deps, requireSignedIn(request), request.params.walkId),
  );
  app.post(
    '/api/site-walks/:walkId/publish',
    {
      schema: {
        tags,
        summary:
          'Publish a site walk: teachers whose lessons are in a visited room at the time get notice with the checklist and the statement',
        params: siteWalkParamsSchema,
        response: { 200: publishResultSchema, ...changeErrors },
      },
    },
    async (request) => publishSiteWalk(deps, requireSignedIn(request), request.params.walkId),
  );
  app.get(
    '/api/site-walks/:walkId/checklist',
    {
      schema: {
        tags,
        summary: 'The walk’s checklist, to print, with its statement of next steps',
        params: siteWalkParamsSchema,
        response: { 200: printableChecklistSchema, ...errors },
      },
    },
    async (request) => printableChecklist(deps, requireSignedIn(request), request.params.walkId),
  );
  app.post(
    '/api/site-walks/:walkId/guests/:guestId/link',
    {
      schema: {
        tags,
        summary:
          'A single-use link for a named guest: it opens once and records findings for this walk only',
        params: guestParamsSchema,
        response: { 200: guestLinkSchema, ...changeErrors },
      },
    },
    async (request) =>
      issueGuestLink(deps, requireSignedIn(request), request.params.walkId, request.params.guestId),
  );

  // Capture ------------------------------------------------------------------------------------
  app.put(
    '/api/site-findings/:findingId',
    {
      schema: {
        tags,
        summary:
          'Record a finding for a place and checklist item under an id the device made; resending the same finding changes nothing and raises no second alert',
        params: findingParamsSchema,
        body: findingInputSchema,
        response: {
          200: putFindingResultSchema,
          201: putFindingResultSchema,
          ...changeErrors,
        },
      },
    },
    async (request, reply) => {
      const result = await putFinding(
        deps,
        requireSignedIn(request),
        request.params.findingId,
        request.body,
      );
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );
  app.put(
    '/api/site-findings/:findingId/photos/:photoId',
    {
      bodyLimit: MAX_SITE_PHOTO_BYTES,
      schema: {
        tags,
        summary: 'A photo of the hazard (the JPEG itself, no EXIF), under an id the device made',
        params: findingPhotoParamsSchema,
        response: { 200: putSitePhotoResultSchema, 201: putSitePhotoResultSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const { status, result } = await putFindingPhoto(
        deps,
        requireSignedIn(request),
        request.params.findingId,
        request.params.photoId,
        jpeg(request.body),
      );
      return reply.status(status).send(result);
    },
  );
  app.get(
    '/api/site-photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo of a finding or of a fix, as JPEG',
        params: photoParams,
        response: { 200: z.unknown().describe('The JPEG bytes (image/jpeg)'), ...errors },
      },
    },
    async (request, reply) => {
      const bytes = await readSitePhoto(deps, requireSignedIn(request), request.params.photoId);
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      return reply
        .type('image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes));
    },
  );

  // The guest: no account, no session; a token from the single-use link, for one walk ---------
  app.post(
    '/api/site-guest/open',
    {
      config: { csrf: false },
      schema: {
        tags,
        summary: 'Open a guest link (once): answers a token for recording this walk’s findings',
        body: guestOpenInputSchema,
        response: { 200: guestOpenResultSchema, ...changeErrors },
      },
    },
    async (request) => openGuestLink(deps, request.body.link),
  );
  app.get(
    '/api/site-guest/walk',
    {
      schema: {
        tags,
        summary: 'The guest’s walk: places, checklist items and the guest’s own findings',
        response: { 200: guestWalkSchema, ...errors },
      },
    },
    async (request) => guestWalk(deps, guestToken(request.headers.authorization)),
  );
  app.put(
    '/api/site-guest/findings/:findingId',
    {
      config: { csrf: false },
      schema: {
        tags,
        summary: 'A guest records a finding on their walk (and no other)',
        params: findingParamsSchema,
        body: findingInputSchema,
        response: {
          200: putFindingResultSchema,
          201: putFindingResultSchema,
          ...changeErrors,
        },
      },
    },
    async (request, reply) => {
      const result = await putGuestFinding(
        deps,
        guestToken(request.headers.authorization),
        request.params.findingId,
        request.body,
      );
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );
  app.put(
    '/api/site-guest/findings/:findingId/photos/:photoId',
    {
      config: { csrf: false },
      bodyLimit: MAX_SITE_PHOTO_BYTES,
      schema: {
        tags,
        summary: 'A guest’s photo of a hazard they recorded',
        params: findingPhotoParamsSchema,
        response: { 200: putSitePhotoResultSchema, 201: putSitePhotoResultSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const { status, result } = await putGuestPhoto(
        deps,
        guestToken(request.headers.authorization),
        request.params.findingId,
        request.params.photoId,
        jpeg(request.body),
      );
      return reply.status(status).send(result);
    },
  );

  // Site actions -------------------------------------------------------------------------------
  app.post(
    '/api/site-findings/:findingId/action',
    {
      schema: {
        tags,
        summary:
          'Turn a finding into a site action (owner, target date from the risk band), or merge it into the open action for the same place and item',
        params: findingParamsSchema,
        body: raiseActionInputSchema,
        response: { 200: siteActionResponseSchema, ...changeErrors },
      },
    },
    async (request) =>
      raiseAction(deps, requireSignedIn(request), request.params.findingId, request.body),
  );
  app.get(
    '/api/schools/:schoolId/site-actions',
    {
      schema: {
        tags,
        summary: 'The school’s site actions: open ones by risk and target date, then closed',
        params: schoolParamsSchema,
        response: { 200: siteActionListSchema, ...errors },
      },
    },
    async (request) => listSiteActions(deps, requireSignedIn(request), request.params.schoolId),
  );
  app.get(
    '/api/site-actions/:actionId',
    {
      schema: {
        tags,
        summary: 'A site action',
        params: siteActionParamsSchema,
        response: { 200: siteActionResponseSchema, ...errors },
      },
    },
    async (request) => getSiteAction(deps, requireSignedIn(request), request.params.actionId),
  );
  app.put(
    '/api/site-actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change a site action’s title, owner, target date or status',
        params: siteActionParamsSchema,
        body: updateActionInputSchema,
        response: { 200: siteActionResponseSchema, ...changeErrors },
      },
    },
    async (request) =>
      updateSiteAction(deps, requireSignedIn(request), request.params.actionId, request.body),
  );
  app.put(
    '/api/site-actions/:actionId/photos/:photoId',
    {
      bodyLimit: MAX_SITE_PHOTO_BYTES,
      schema: {
        tags,
        summary: 'The evidence photo of a fix (the JPEG itself, no EXIF)',
        params: siteActionPhotoParamsSchema,
        response: { 200: putSitePhotoResultSchema, 201: putSitePhotoResultSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const { status, result } = await putActionPhoto(
        deps,
        requireSignedIn(request),
        request.params.actionId,
        request.params.photoId,
        jpeg(request.body),
      );
      return reply.status(status).send(result);
    },
  );
  app.post(
    '/api/site-actions/:actionId/close',
    {
      schema: {
        tags,
        summary: 'Close a site action with evidence: a photo of the fix and a note',
        params: siteActionParamsSchema,
        body: closeActionInputSchema,
        response: { 200: siteActionResponseSchema, ...changeErrors },
      },
    },
    async (request) =>
      closeSiteAction(deps, requireSignedIn(request), request.params.actionId, request.body),
  );
  app.post(
    '/api/site-actions/:actionId/verify',
    {
      schema: {
        tags,
        summary: 'Verify a closed action on a later walk of its place',
        params: siteActionParamsSchema,
        body: verifyActionInputSchema,
        response: { 200: siteActionResponseSchema, ...changeErrors },
      },
    },
    async (request) =>
      verifySiteAction(
        deps,
        requireSignedIn(request),
        request.params.actionId,
        request.body.walkId,
      ),
  );

  // Recurring inspections ----------------------------------------------------------------------
  app.get(
    '/api/schools/:schoolId/site-schedules',
    {
      schema: {
        tags,
        summary: 'The school’s inspection schedules, with inspections due and done',
        params: schoolParamsSchema,
        response: { 200: scheduleListSchema, ...errors },
      },
    },
    async (request) => listSchedules(deps, requireSignedIn(request), request.params.schoolId),
  );
  app.post(
    '/api/schools/:schoolId/site-schedules',
    {
      schema: {
        tags,
        summary:
          'Add a recurring inspection: its walks are created in advance over the school calendar',
        params: schoolParamsSchema,
        body: scheduleInputSchema,
        response: { 201: scheduleCreatedSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createSchedule(
            deps,
            requireSignedIn(request),
            request.params.schoolId,
            request.body,
          ),
        ),
  );

  // Reports ------------------------------------------------------------------------------------
  app.get(
    '/api/schools/:schoolId/site-dashboard',
    {
      schema: {
        tags,
        summary:
          'Site safety: open actions by risk and age, findings by category over time, inspections against the schedule',
        params: schoolParamsSchema,
        response: { 200: siteDashboardSchema, ...errors },
      },
    },
    async (request) => siteDashboard(deps, requireSignedIn(request), request.params.schoolId),
  );
  app.get(
    '/api/trust/site-dashboard',
    {
      schema: {
        tags,
        summary: 'Site safety across the trust’s schools',
        response: { 200: trustSiteDashboardSchema, ...errors },
      },
    },
    async (request) => trustSiteDashboard(deps, requireSignedIn(request)),
  );
  app.get(
    '/api/schools/:schoolId/site-report.csv',
    {
      schema: {
        tags,
        summary: 'Findings and site actions as CSV; no one named',
        params: schoolParamsSchema,
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const { name, csv } = await siteReportCsv(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
      );
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug(name)}-site-safety.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );
  app.get(
    '/api/schools/:schoolId/site-report.pdf',
    {
      schema: {
        tags,
        summary: 'The site safety audit report for governors, as PDF; no one named',
        params: schoolParamsSchema,
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const { name, pdf } = await siteReportPdf(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
      );
      if (request.headers['if-none-match'] === '*') return reply.status(304).send('');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${slug(name)}-site-safety.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
