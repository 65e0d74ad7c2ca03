import { useQuery } from '@tanstack/react-query';
import type { SetupRequest, SetupResponse } from '../../contracts/trusts.ts';
import { api } from '../lib/api.ts';

export const setupKeys = { status: () => ['setup-status'] as const };

/** Whether the installation still waits for its first trust (then the first page is the wizard). */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupKeys.status(),
    queryFn: () =>
      api('/api/setup', {
        schema: () => import('../../contracts/trusts.ts').then((c) => c.setupStatusSchema),
      }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const runSetup = (body: SetupRequest) =>
  api<SetupResponse>('/api/setup', { method: 'POST', body });
