import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

export const gettingStartedKeys = { checklist: () => ['getting-started'] as const };

/** The trust administrator's checklist, ticked by the server from the trust's data. */
export function useGettingStarted() {
  return useQuery({
    queryKey: gettingStartedKeys.checklist(),
    queryFn: () =>
      api('/api/getting-started', {
        schema: () => import('../../contracts/trusts.ts').then((c) => c.gettingStartedSchema),
      }),
    // Set-up happens on other pages: read afresh each time the home page shows.
    staleTime: 0,
    refetchOnMount: 'always',
  });
}
