import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { myAgreementSchema, trustAgreementSchema } from '../../contracts/observers.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { myAgreement, trustAgreement } from './calibration.service.ts';

const errors = { 401: apiErrorSchema, 403: apiErrorSchema };
const tags = ['calibration'];

export const calibrationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/trust/agreement',
    {
      schema: {
        tags,
        summary:
          'Inter-rater agreement per look-for across the trust, and per school: percent agreement, Cohen’s kappa (seen / not seen), weighted kappa (prevalence), intervals and n; hidden under k visited teachers; never per observer',
        response: { 200: trustAgreementSchema, ...errors },
      },
    },
    async (request) => trustAgreement(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/me/agreement',
    {
      schema: {
        tags,
        summary:
          'My paired records (my record beside my partner’s once both are handed in) and my own agreement per look-for; private to me',
        response: { 200: myAgreementSchema, 401: apiErrorSchema },
      },
    },
    async (request) => myAgreement(deps, requireSignedIn(request)),
  );
};
