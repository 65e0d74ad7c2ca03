import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The insights feature's query keys. */
export const insightKeys = {
  school: (schoolId: string | undefined, termId: string | null, frameworkId: string | null) =>
    ['insights', 'school', schoolId, termId, frameworkId] as const,
  trust: (query: string) => ['insights', 'trust', query] as const,
};

/** A school's insights for a term and framework (`query` is their query string). */
export function useSchoolInsights(
  schoolId: string | undefined,
  termId: string | null,
  frameworkId: string | null,
  query: string,
) {
  return useQuery({
    queryKey: insightKeys.school(schoolId, termId, frameworkId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/insights${query}`, {
        schema: () => import('../../contracts/insights.ts').then((c) => c.schoolInsightsSchema),
      }),
  });
}

/** The trust's insights across its schools, filtered by `query`. */
export function useTrustInsights(query: string) {
  return useQuery({
    queryKey: insightKeys.trust(query),
    queryFn: () =>
      api(`/api/insights/trust${query}`, {
        schema: () => import('../../contracts/insights.ts').then((c) => c.trustInsightsSchema),
      }),
  });
}
