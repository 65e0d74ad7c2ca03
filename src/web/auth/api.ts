import { api } from '../lib/api.ts';

/** Ask for a single-use sign-in link by email; the answer says what to expect. */
export const askForSignInLink = (email: string) =>
  api<{ message: string }>('/api/auth/email-link', { method: 'POST', body: { email } });
