import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The responses feature's query keys. */
export const responseKeys = {
  visit: (visitId: string) => ['visit-records', visitId] as const,
  myVisitRecords: () => ['my-visit-records'] as const,
  myCoaching: () => ['my-coaching'] as const,
  myFlags: () => ['my-record-flags'] as const,
};

/** A visit's records, flags, responses and reflection, as the viewer may see them. */
export function useVisitRecords(visitId: string) {
  return useQuery({
    queryKey: responseKeys.visit(visitId),
    queryFn: () =>
      api(`/api/visits/${visitId}/records`, {
        schema: () => import('../../contracts/responses.ts').then((c) => c.visitRecordsSchema),
      }),
  });
}

export function useMyVisitRecords() {
  return useQuery({
    queryKey: responseKeys.myVisitRecords(),
    queryFn: () =>
      api('/api/me/visit-records', {
        schema: () => import('../../contracts/responses.ts').then((c) => c.myVisitRecordsSchema),
      }),
  });
}

export function useMyCoaching() {
  return useQuery({
    queryKey: responseKeys.myCoaching(),
    queryFn: () =>
      api('/api/me/coaching', {
        schema: () => import('../../contracts/responses.ts').then((c) => c.coachingListSchema),
      }),
  });
}

export function useMyFlags() {
  return useQuery({
    queryKey: responseKeys.myFlags(),
    queryFn: () =>
      api('/api/me/record-flags', {
        schema: () => import('../../contracts/responses.ts').then((c) => c.myFlagsSchema),
      }),
  });
}

export const addResponse = (visitId: string, body: unknown) =>
  api(`/api/visits/${visitId}/responses`, { method: 'POST', body });
export const flagRecord = (visitId: string, body: unknown) =>
  api(`/api/visits/${visitId}/flags`, { method: 'POST', body });
export const resolveFlag = (flagId: string, body: unknown) =>
  api(`/api/record-flags/${flagId}/resolve`, { method: 'POST', body });
export const saveReflection = (visitId: string, body: unknown) =>
  api(`/api/visits/${visitId}/reflection`, { method: 'PUT', body });
export const shareWithCoach = (visitId: string, body: unknown) =>
  api(`/api/visits/${visitId}/coach-share`, { method: 'PUT', body });
export const stopSharingWithCoach = (visitId: string) =>
  api(`/api/visits/${visitId}/coach-share`, { method: 'DELETE' });
