import { useQuery } from '@tanstack/react-query';
import {
  debriefDetailSchema,
  debriefListSchema,
  staffSummaryListSchema,
  staffSummarySchema,
} from '../../contracts/debriefs.ts';
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
    queryFn: () => api(`/api/schools/${schoolId}/debriefs`, { schema: debriefListSchema }),
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
    queryFn: () => api(`/api/debriefs/${debriefId}`, { schema: debriefDetailSchema }),
  });
}

export function useStaffSummaries(schoolId: string) {
  return useQuery({
    queryKey: debriefKeys.staffSummaries(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/staff-summaries`, { schema: staffSummaryListSchema }),
  });
}

export function useStaffSummary(debriefId: string) {
  return useQuery({
    queryKey: debriefKeys.staffSummary(debriefId),
    queryFn: () => api(`/api/staff-summaries/${debriefId}`, { schema: staffSummarySchema }),
  });
}
