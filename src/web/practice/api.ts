import { useQuery } from '@tanstack/react-query';
import type { ConsentInput, ProposeExampleInput } from '../../contracts/practice.ts';
import { api } from '../lib/api.ts';

/** The practice library's query keys (issue 16). */
export const practiceKeys = {
  library: (schoolId: string, lookFor: string) => ['practice-library', schoolId, lookFor] as const,
  requests: ['practice-requests'] as const,
};

const contract = () => import('../../contracts/practice.ts');

export function usePracticeLibrary(schoolId: string, lookFor: string) {
  return useQuery({
    queryKey: practiceKeys.library(schoolId, lookFor),
    queryFn: () =>
      api(
        `/api/schools/${schoolId}/practice-library${lookFor ? `?lookFor=${encodeURIComponent(lookFor)}` : ''}`,
        { schema: () => contract().then((c) => c.practiceLibrarySchema) },
      ),
  });
}

export function useMyPracticeRequests() {
  return useQuery({
    queryKey: practiceKeys.requests,
    queryFn: () =>
      api('/api/me/practice-requests', {
        schema: () => contract().then((c) => c.practiceLibrarySchema),
      }),
  });
}

export const answerExample = (exampleId: string, body: ConsentInput) =>
  api(`/api/practice-examples/${exampleId}/answer`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.practiceExampleSchema),
  });

export const proposeExample = (debriefId: string, body: ProposeExampleInput) =>
  api(`/api/debriefs/${debriefId}/practice-examples`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.practiceExampleSchema),
  });
