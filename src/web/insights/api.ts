import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The insights feature's query keys. */
export const insightKeys = {
  school: (schoolId: string | undefined, termId: string | null, frameworkId: string | null) =>
    ['insights', 'school', schoolId, termId, frameworkId] as const,
  trust: (query: string) => ['insights', 'trust', query] as const,
};

/** Where a school's insights come from (also what the server renders the dashboard with). */
export const schoolInsightsUrl = (schoolId: string, query: string) =>
  `/api/schools/${schoolId}/insights${query}`;
/** Where the trust's insights come from, filtered by `query`. */
export const trustInsightsUrl = (query: string) => `/api/insights/trust${query}`;

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
      api(schoolInsightsUrl(schoolId ?? '', query), {
        schema: () => import('../../contracts/insights.ts').then((c) => c.schoolInsightsSchema),
      }),
  });
}

/** The trust's insights across its schools, filtered by `query`. */
export function useTrustInsights(query: string) {
  return useQuery({
    queryKey: insightKeys.trust(query),
    queryFn: () =>
      api(trustInsightsUrl(query), {
        schema: () => import('../../contracts/insights.ts').then((c) => c.trustInsightsSchema),
      }),
  });
}
