import { useQuery } from '@tanstack/react-query';
import type { AgreedReadingInput, ReadingInput, SessionInput } from '../../contracts/moderation.ts';
import { api } from '../lib/api.ts';

/** Moderation sessions (issue 15): query keys and calls. */
export const moderationKeys = {
  list: ['moderation-sessions'] as const,
  session: (id: string) => ['moderation-session', id] as const,
};

const contract = () => import('../../contracts/moderation.ts');
const detail = () => contract().then((c) => c.sessionDetailSchema);

export const useSessions = () =>
  useQuery({
    queryKey: moderationKeys.list,
    queryFn: () =>
      api('/api/moderation-sessions', {
        schema: () => contract().then((c) => c.sessionListSchema),
      }),
  });

export const useSession = (id: string) =>
  useQuery({
    queryKey: moderationKeys.session(id),
    queryFn: () => api(`/api/moderation-sessions/${id}`, { schema: detail }),
  });

export const createSession = (body: Partial<SessionInput>) =>
  api<{ id: string }>('/api/moderation-sessions', { method: 'POST', body });

export const handInReading = (id: string, sceneId: string, body: ReadingInput) =>
  api(`/api/moderation-sessions/${id}/scenes/${sceneId}/reading`, {
    method: 'PUT',
    body,
    schema: detail,
  });

export const revealReadings = (id: string) =>
  api(`/api/moderation-sessions/${id}/reveal`, { method: 'POST', schema: detail });

export const noteAgreedReading = (id: string, lookForId: string, body: AgreedReadingInput) =>
  api(`/api/moderation-sessions/${id}/agreed/${lookForId}`, {
    method: 'PUT',
    body,
    schema: detail,
  });

export const makeGuidance = (id: string) =>
  api(`/api/moderation-sessions/${id}/guidance`, {
    method: 'POST',
    schema: () => contract().then((c) => c.guidanceResultSchema),
  });
