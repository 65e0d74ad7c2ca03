import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The home feature's query keys. */
export const homeKeys = {
  due: () => ['home-due'] as const,
};

/** What needs me now: computed on the server (GET /api/home/due). */
export function useDue(enabled = true) {
  return useQuery({
    queryKey: homeKeys.due(),
    queryFn: () =>
      api('/api/home/due', {
        schema: () => import('../../contracts/home.ts').then((c) => c.homeDueSchema),
      }),
    enabled,
  });
}
