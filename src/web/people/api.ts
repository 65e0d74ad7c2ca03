import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The people feature's query keys; everything under `all()` is the trust's accounts. */
export const peopleKeys = {
  all: () => ['people'] as const,
  page: (q: string, page: number) => ['people', q, page] as const,
};

/** One page of the trust's accounts, searched; the last page stays while the next loads. */
export function usePeople(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: peopleKeys.page(q, page),
    queryFn: () =>
      api(
        `/api/people?${new URLSearchParams({ q, page: String(page), pageSize: String(pageSize) })}`,
        { schema: () => import('../../contracts/people.ts').then((c) => c.accountPageSchema) },
      ),
    placeholderData: keepPreviousData,
  });
}

/** A change to an account at /api/people/:personId<path>: each answers with what changed. */
export const changeAccount = (
  personId: string,
  path: string,
  init: { method: string; body?: unknown },
) =>
  api(`/api/people/${personId}${path}`, {
    ...init,
    schema: () => import('../../contracts/people.ts').then((c) => c.accountChangeSchema),
  });
