import type { Me } from '../../contracts/auth.ts';
import type { SsoOption } from '../../contracts/security.ts';
import { api } from '../lib/api.ts';

/** Ask for a single-use sign-in link by email; the answer says what to expect. */
export const askForSignInLink = (email: string) =>
  api<{ message: string }>('/api/auth/email-link', { method: 'POST', body: { email } });

/** Issue 13: the single sign-on providers for an email's domain, and starting and finishing one. */
export const findSsoOptions = (email: string) =>
  api<{ options: SsoOption[] }>('/api/auth/sso/options', { method: 'POST', body: { email } });

export const startSso = (option: SsoOption) =>
  api<{ url: string }>('/api/auth/sso/start', {
    method: 'POST',
    body: { trustId: option.trustId, providerId: option.providerId },
  });

export const finishSso = (query: string) =>
  api<Me>('/api/auth/sso/callback', { method: 'POST', body: { query } });
