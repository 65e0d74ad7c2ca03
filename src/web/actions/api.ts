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

export const addPriority = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/priorities`, { method: 'POST', body });
export const createAction = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/actions`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/actions.ts').then((c) => c.actionSchema),
  });
/** Plan a follow-up walk for an action; answers with the new walk's id. */
export const planFollowUpWalk = (actionId: string, body: unknown) =>
  api<{ walkId: string }>(`/api/actions/${actionId}/follow-up-walk`, { method: 'POST', body });
