import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  estateSchema,
  siteActionListSchema,
  siteWalkResponseSchema,
} from '../../contracts/site-walks.ts';
import { ApiFailure, api, currentCsrfToken, request } from '../lib/api.ts';

/** The site-walks feature's query keys and calls (issue 14). */
export const siteKeys = {
  estate: (schoolId: string) => ['site-estate', schoolId] as const,
  walks: (schoolId: string) => ['site-walks', schoolId] as const,
  walk: (walkId: string) => ['site-walk', walkId] as const,
  checklist: (walkId: string) => ['site-checklist', walkId] as const,
  actions: (schoolId: string) => ['site-actions', schoolId] as const,
  dashboard: (schoolId: string) => ['site-dashboard', schoolId] as const,
  schedules: (schoolId: string) => ['site-schedules', schoolId] as const,
  trustDashboard: ['site-dashboard', 'trust'] as const,
};

const contract = () => import('../../contracts/site-walks.ts');

export type Estate = z.infer<typeof estateSchema>;
export type SiteWalkDto = z.infer<typeof siteWalkResponseSchema>['siteWalk'];
export type SiteActionList = z.infer<typeof siteActionListSchema>;

export const useEstate = (schoolId: string) =>
  useQuery({
    queryKey: siteKeys.estate(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/estate`, {
        schema: () => contract().then((c) => c.estateSchema),
      }),
  });

export const useSiteWalks = (schoolId: string) =>
  useQuery({
    queryKey: siteKeys.walks(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/site-walks`, {
        schema: () => contract().then((c) => c.siteWalkListSchema),
      }),
  });

export const useSiteWalk = (walkId: string) =>
  useQuery({
    queryKey: siteKeys.walk(walkId),
    queryFn: () =>
      api(`/api/site-walks/${walkId}`, {
        schema: () => contract().then((c) => c.siteWalkResponseSchema),
      }),
  });

export const useChecklist = (walkId: string) =>
  useQuery({
    queryKey: siteKeys.checklist(walkId),
    queryFn: () =>
      api(`/api/site-walks/${walkId}/checklist`, {
        schema: () => contract().then((c) => c.printableChecklistSchema),
      }),
  });

export const useSiteActions = (schoolId: string) =>
  useQuery({
    queryKey: siteKeys.actions(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/site-actions`, {
        schema: () => contract().then((c) => c.siteActionListSchema),
      }),
  });

export const useSiteDashboard = (schoolId: string) =>
  useQuery({
    queryKey: siteKeys.dashboard(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/site-dashboard`, {
        schema: () => contract().then((c) => c.siteDashboardSchema),
      }),
  });

export const useSiteAction = (actionId: string) =>
  useQuery({
    queryKey: ['site-action', actionId] as const,
    queryFn: () =>
      api(`/api/site-actions/${actionId}`, {
        schema: () => contract().then((c) => c.siteActionResponseSchema),
      }),
  });

export const useTrustSiteDashboard = () =>
  useQuery({
    queryKey: siteKeys.trustDashboard,
    queryFn: () =>
      api('/api/trust/site-dashboard', {
        schema: () => contract().then((c) => c.trustSiteDashboardSchema),
      }),
  });

export const addArea = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/estate`, { method: 'POST', body });
export const setAreaKind = (schoolId: string, roomId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/estate/${roomId}`, { method: 'PUT', body });
export const planSiteWalk = (schoolId: string, body: unknown) =>
  api<{ siteWalk: { id: string } }>(`/api/schools/${schoolId}/site-walks`, {
    method: 'POST',
    body,
  });
export const publishSiteWalk = (walkId: string) =>
  api<{ teachersNoticed: number }>(`/api/site-walks/${walkId}/publish`, { method: 'POST' });
export const guestLink = (walkId: string, guestId: string) =>
  api<{ url: string; expiresAt: string }>(`/api/site-walks/${walkId}/guests/${guestId}/link`, {
    method: 'POST',
  });
export const raiseAction = (findingId: string, body: unknown) =>
  api(`/api/site-findings/${findingId}/action`, { method: 'POST', body });
export const updateAction = (actionId: string, body: unknown) =>
  api(`/api/site-actions/${actionId}`, { method: 'PUT', body });
export const closeAction = (actionId: string, body: unknown) =>
  api(`/api/site-actions/${actionId}/close`, { method: 'POST', body });
export const verifyAction = (actionId: string, walkId: string) =>
  api(`/api/site-actions/${actionId}/verify`, { method: 'POST', body: { walkId } });

/** Sends a JPEG (already re-encoded on the device, so no camera data) to a photo route. */
export async function putJpeg(path: string, bytes: Blob, csrfToken?: string | null) {
  let response: Response;
  try {
    response = await request(path, {
      method: 'PUT',
      body: bytes,
      contentType: 'image/jpeg',
      csrf: csrfToken ?? currentCsrfToken(),
    });
  } catch {
    throw new ApiFailure(
      0,
      'offline',
      'Could not reach the server. The photo waits on this device.',
    );
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as {
      error?: { code: 'http_error'; message: string };
    } | null;
    throw new ApiFailure(
      response.status,
      data?.error?.code ?? 'http_error',
      data?.error?.message ?? `The server answered ${response.status}.`,
    );
  }
}

export const useSchedules = (schoolId: string) =>
  useQuery({
    queryKey: siteKeys.schedules(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/site-schedules`, {
        schema: () => contract().then((c) => c.scheduleListSchema),
      }),
  });
export const addSchedule = (schoolId: string, body: unknown) =>
  api<{ walksCreated: number; skipped: string[] }>(`/api/schools/${schoolId}/site-schedules`, {
    method: 'POST',
    body,
  });
