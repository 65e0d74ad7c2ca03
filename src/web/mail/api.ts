import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The mail feature's query keys. */
export const mailKeys = {
  outbox: (offset: number, search: string) => ['outbox', offset, search] as const,
};

/** One page of the local mail outbox. */
export function useOutbox(limit: number, offset: number, search = '') {
  const q = search.trim() ? `&q=${encodeURIComponent(search.trim())}` : '';
  return useQuery({
    queryKey: mailKeys.outbox(offset, search.trim()),
    queryFn: () =>
      api(`/api/outbox?limit=${limit}&offset=${offset}${q}`, {
        schema: () => import('../../contracts/mail.ts').then((c) => c.outboxSchema),
      }),
  });
}

/** Invite someone to a school by email (a sign-in link). */
export const invite = (body: unknown) =>
  api('/api/invitations', {
    method: 'POST',
    body,
    schema: () => import('../../contracts/mail.ts').then((c) => c.invitationResponseSchema),
  });
