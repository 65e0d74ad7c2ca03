import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors.ts';

/** What a session held at "turn on two-step sign-in first" may still reach (issue 13). */
const OPEN_DURING_ENROLMENT = new Set([
  'GET /api/me',
  'POST /api/auth/logout',
  'GET /api/me/mfa',
  'POST /api/me/mfa/start',
  'POST /api/me/mfa/confirm',
]);

/** Runs after the session is loaded: such a session gets 403 mfa_enrolment_required elsewhere. */
export function registerMfaEnrolmentGate(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (!request.auth?.mustEnrolMfa) return;
    if (OPEN_DURING_ENROLMENT.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
    throw new AppError(
      'mfa_enrolment_required',
      'Your trust requires two-step sign-in for admins and leaders. Turn it on (Account security) before doing anything else.',
    );
  });
}
