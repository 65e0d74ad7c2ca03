import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The actions feature's query keys. */
export const actionKeys = {
  board: (schoolId: string) => ['board', schoolId] as const,
  mine: () => ['my-actions'] as const,
};

/** A school's priorities and actions. */
export function useBoard(schoolId: string) {
  return useQuery({
    queryKey: actionKeys.board(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/actions`, {
        schema: () => import('../../contracts/actions.ts').then((c) => c.boardSchema),
      }),
  });
}

/** The actions you own. */
export function useMyActions() {
  return useQuery({
    queryKey: actionKeys.mine(),
    queryFn: () =>
      api('/api/me/actions', {
        schema: () => import('../../contracts/actions.ts').then((c) => c.myActionsSchema),
      }),
  });
}

export const setActionStatus = (actionId: string, status: string) =>
  api(`/api/actions/${actionId}/status`, { method: 'POST', body: { status } });
