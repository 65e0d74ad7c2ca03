import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The debriefs feature's query keys. */
export const debriefKeys = {
  school: (schoolId: string) => ['debriefs', schoolId] as const,
  detail: (debriefId: string) => ['debrief', debriefId] as const,
  staffSummaries: (schoolId: string) => ['staff-summaries', schoolId] as const,
  staffSummary: (debriefId: string) => ['staff-summary', debriefId] as const,
};

export function useDebriefs(schoolId: string) {
  return useQuery({
    queryKey: debriefKeys.school(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/debriefs`, {
        schema: () => import('../../contracts/debriefs.ts').then((c) => c.debriefListSchema),
      }),
  });
}

export const createDebrief = (schoolId: string, walkIds: string[]) =>
  api<{ id: string }>(`/api/schools/${schoolId}/debriefs`, {
    method: 'POST',
    body: { walkIds },
  });

export function useDebrief(debriefId: string) {
  return useQuery({
    queryKey: debriefKeys.detail(debriefId),
    queryFn: () =>
      api(`/api/debriefs/${debriefId}`, {
        schema: () => import('../../contracts/debriefs.ts').then((c) => c.debriefDetailSchema),
      }),
  });
}

export function useStaffSummaries(schoolId: string) {
  return useQuery({
    queryKey: debriefKeys.staffSummaries(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/staff-summaries`, {
        schema: () => import('../../contracts/debriefs.ts').then((c) => c.staffSummaryListSchema),
      }),
  });
}

export function useStaffSummary(debriefId: string) {
  return useQuery({
    queryKey: debriefKeys.staffSummary(debriefId),
    queryFn: () =>
      api(`/api/staff-summaries/${debriefId}`, {
        schema: () => import('../../contracts/debriefs.ts').then((c) => c.staffSummarySchema),
      }),
  });
}

export const saveDebrief = (debriefId: string, body: unknown) =>
  api(`/api/debriefs/${debriefId}`, { method: 'PUT', body });
export const saveStaffSummary = (debriefId: string, body: unknown) =>
  api(`/api/debriefs/${debriefId}/staff-summary`, { method: 'PUT', body });
export const publishStaffSummary = (debriefId: string) =>
  api(`/api/debriefs/${debriefId}/staff-summary/publish`, { method: 'POST' });
