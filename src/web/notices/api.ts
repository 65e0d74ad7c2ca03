import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The notices feature's query keys. */
export const noticeKeys = {
  notices: () => ['notices'] as const,
  calendarFeed: () => ['calendar-feed'] as const,
  protocolReport: (
    schoolId: string | undefined,
    programmeId: string | null,
    termId: string | null,
  ) => ['protocol-report', schoolId, programmeId, termId] as const,
};

/** Your latest 100 notices (also what the server renders the top bar's bell with). */
export const noticesUrl = '/api/me/notices?limit=100';

/** Your notices (the latest 100), refreshed every minute. */
export function useNotices() {
  return useQuery({
    queryKey: noticeKeys.notices(),
    queryFn: () =>
      api(noticesUrl, {
        schema: () => import('../../contracts/notices.ts').then((c) => c.noticeListSchema),
      }),
    refetchInterval: 60_000,
  });
}

export const markAllRead = () =>
  api<{ marked: number }>('/api/me/notices/read', { method: 'POST' });
export const markRead = (noticeId: string) =>
  api(`/api/me/notices/${noticeId}/read`, { method: 'POST' });
export const agreeToVisit = (visitId: string) =>
  api(`/api/me/visits/${visitId}/agreement`, { method: 'POST' });

/** Whether you have a calendar feed (its address is shown only when made). */
export function useCalendarFeed() {
  return useQuery({
    queryKey: noticeKeys.calendarFeed(),
    queryFn: () =>
      api('/api/me/calendar-feed', {
        schema: () => import('../../contracts/notices.ts').then((c) => c.calendarFeedStatusSchema),
      }),
  });
}
export const createCalendarFeed = () =>
  api('/api/me/calendar-feed', {
    method: 'POST',
    schema: () => import('../../contracts/notices.ts').then((c) => c.calendarFeedCreatedSchema),
  });
export const stopCalendarFeed = () => api('/api/me/calendar-feed', { method: 'DELETE' });

/** The protocol report for a programme, or for a term when there is no programme. */
export function useProtocolReport(
  schoolId: string | undefined,
  programmeId: string | undefined,
  termId: string | null,
) {
  const path = programmeId
    ? `/api/schools/${schoolId}/programmes/${programmeId}/protocol-report`
    : `/api/schools/${schoolId}/protocol-report?termId=${encodeURIComponent(termId ?? '')}`;
  return useQuery({
    queryKey: noticeKeys.protocolReport(schoolId, programmeId ?? null, termId),
    queryFn: () =>
      api(path, {
        schema: () => import('../../contracts/notices.ts').then((c) => c.protocolReportSchema),
      }),
  });
}
