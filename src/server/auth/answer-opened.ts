import type { FastifyReply } from 'fastify';
import type { SignInAnswer } from '../../contracts/security.ts';
import type { AppDeps } from '../http/context.ts';
import { setSessionCookie } from '../http/sessions.ts';
import type { Opened } from './auth.service.ts';

export const MFA_STEP_MESSAGE =
  'Enter the 6-digit code from your authenticator app (or one of your recovery codes) to finish signing in.';

/** A session sets the cookie and answers who is signed in; an MFA step answers what to ask for next. */
export function answerOpened(reply: FastifyReply, deps: AppDeps, opened: Opened): SignInAnswer {
  if (opened.kind === 'mfa') {
    reply.header('cache-control', 'no-store');
    return { mfaRequired: true, step: opened.step, message: MFA_STEP_MESSAGE };
  }
  setSessionCookie(reply, deps, opened.cookieValue);
  return opened.me;
}
