import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The walks feature's query keys. */
export const walkKeys = {
  detail: (walkId: string) => ['walk', walkId] as const,
  alternatives: (walkId: string, visitId: string) => ['alternatives', walkId, visitId] as const,
  schoolWalks: (schoolId: string) => ['school-walks', schoolId] as const,
  invitations: (schoolId: string) => ['invitations', schoolId] as const,
  myVisits: () => ['my-visits'] as const,
  myWalks: () => ['my-walks'] as const,
};

/** A walk with its visits, its problems and whether the person may edit it. */
export function useWalk(walkId: string) {
  return useQuery({
    queryKey: walkKeys.detail(walkId),
    queryFn: () =>
      api(`/api/walks/${walkId}`, {
        schema: () => import('../../contracts/walks.ts').then((c) => c.walkDetailSchema),
      }),
  });
}

/**
 * A change to a walk at /api/walks/:walkId<path>: each answers with the walk as it now is.
 */
export const changeWalk = (
  walkId: string,
  path: string,
  init: { method: string; body?: unknown },
) =>
  api(`/api/walks/${walkId}${path}`, {
    ...init,
    schema: () => import('../../contracts/walks.ts').then((c) => c.walkDetailSchema),
  });

/** The planner's proposal for a walk (writes nothing). */
export const planWalk = (walkId: string, count: number) =>
  api(`/api/walks/${walkId}/plan`, {
    method: 'POST',
    body: { count },
    schema: () => import('../../contracts/walks.ts').then((c) => c.planResultSchema),
  });

/** Lessons that could take a visit's place (asked for only while `enabled`). */
export function useAlternatives(walkId: string, visitId: string, enabled: boolean) {
  return useQuery({
    queryKey: walkKeys.alternatives(walkId, visitId),
    queryFn: () =>
      api(`/api/walks/${walkId}/visits/${visitId}/alternatives`, {
        schema: () => import('../../contracts/walks.ts').then((c) => c.alternativesSchema),
      }),
    enabled,
  });
}

/** A page of a school's walks, oldest first; from/to (YYYY-MM-DD) narrow it to some days. */
export function useSchoolWalks(
  schoolId: string,
  params: { page?: number; pageSize?: number; from?: string; to?: string } = {},
  enabled = true,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const query = search.size ? `?${search}` : '';
  return useQuery({
    queryKey: [...walkKeys.schoolWalks(schoolId), query] as const,
    queryFn: () =>
      api(`/api/schools/${schoolId}/walks${query}`, {
        schema: () => import('../../contracts/walks.ts').then((c) => c.walkListSchema),
      }),
    enabled,
  });
}

export const createWalk = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/walks`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/walks.ts').then((c) => c.walkDetailSchema),
  });

/** A school's open-door invitations (a teacher sees their own). */
export function useInvitations(schoolId: string) {
  return useQuery({
    queryKey: walkKeys.invitations(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/invitations`, {
        schema: () => import('../../contracts/walks.ts').then((c) => c.invitationListSchema),
      }),
  });
}

export const inviteAWalk = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/invitations`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/walks.ts').then((c) => c.invitationSchema),
  });
export const acceptInvitation = (invitationId: string, walkId: string) =>
  api(`/api/invitations/${invitationId}/accept`, {
    method: 'POST',
    body: { walkId },
    schema: () => import('../../contracts/walks.ts').then((c) => c.walkDetailSchema),
  });
export const declineInvitation = (invitationId: string) =>
  api(`/api/invitations/${invitationId}/decline`, {
    method: 'POST',
    body: { note: '' },
    schema: () => import('../../contracts/walks.ts').then((c) => c.invitationSchema),
  });

/** Your visits as a teacher. */
export function useMyVisits() {
  return useQuery({
    queryKey: walkKeys.myVisits(),
    queryFn: () =>
      api('/api/me/visits', {
        schema: () => import('../../contracts/walks.ts').then((c) => c.myVisitsSchema),
      }),
  });
}

/** The walks you observe on. */
/** The walks this person observes from today on (also what the server renders capture with). */
export const myWalksUrl = '/api/me/walks';
export const getMyWalks = () =>
  api(myWalksUrl, {
    schema: () => import('../../contracts/walks.ts').then((c) => c.myWalksSchema),
  });
export function useMyWalks() {
  return useQuery({ queryKey: walkKeys.myWalks(), queryFn: getMyWalks });
}

/** A teacher agrees to a visit changed inside the notice period. */
export const agreeToVisit = (visitId: string) =>
  api<{ visitId: string; agreedAt: string }>(`/api/me/visits/${visitId}/agreement`, {
    method: 'POST',
  });
/** A teacher declines a visit changed inside the notice period. */
export const declineVisit = (visitId: string, body: unknown) =>
  api<{ visitId: string; status: 'cancelled' }>(`/api/me/visits/${visitId}/decline`, {
    method: 'POST',
    body,
  });

/** The school's protocol settings: the walk form reads the recommended number of look-fors. */
export function useProtocolSettings(schoolId: string) {
  return useQuery({
    queryKey: ['protocol-settings', schoolId],
    queryFn: () =>
      api(`/api/schools/${schoolId}/protocol`, {
        schema: () =>
          import('../../contracts/programmes.ts').then((c) => c.protocolSettingsResponseSchema),
      }),
  });
}

/**
 * The plan-a-walk calendar (issue 21): a term's teaching days, closures, walks and who is near
 * their cap. With no span, the term holding today (or the next).
 */
export function usePlanningCalendar(schoolId: string, span: { from?: string; to?: string }) {
  const search = new URLSearchParams();
  if (span.from) search.set('from', span.from);
  if (span.to) search.set('to', span.to);
  const query = search.size ? `?${search}` : '';
  return useQuery({
    queryKey: ['planning-calendar', schoolId, query] as const,
    queryFn: () =>
      api(`/api/schools/${schoolId}/planning-calendar${query}`, {
        schema: () => import('../../contracts/walks.ts').then((c) => c.planningCalendarSchema),
      }),
  });
}

/** A focus made from a few look-fors for one walk (the plan-a-walk picker, issue 21). */
export const createFocusForWalk = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/foci`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.focusSchema),
  });
