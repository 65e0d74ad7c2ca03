import { useQuery } from '@tanstack/react-query';
import type { ProgrammeStatusDto } from '../../contracts/programmes.ts';
import { api } from '../lib/api.ts';

export const programmeStatusLabels: Record<ProgrammeStatusDto, string> = {
  draft: 'Draft',
  consultation: 'In consultation',
  agreed: 'Agreed',
  published: 'Published',
};

/** The programmes feature's query keys. */
export const programmeKeys = {
  school: (schoolId: string) => ['programmes', schoolId] as const,
  detail: (programmeId: string) => ['programme', programmeId] as const,
};

/** A school's programmes and the terms a new one may cover. */
export function useProgrammes(schoolId: string) {
  return useQuery({
    queryKey: programmeKeys.school(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/programmes`, {
        schema: () => import('../../contracts/programmes.ts').then((c) => c.programmeListSchema),
      }),
  });
}

export const createProgramme = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/programmes`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/programmes.ts').then((c) => c.programmeDetailSchema),
  });

/** A programme with its comments, planned walks and amendments. */
export function useProgramme(programmeId: string) {
  return useQuery({
    queryKey: programmeKeys.detail(programmeId),
    queryFn: () =>
      api(`/api/programmes/${programmeId}`, {
        schema: () => import('../../contracts/programmes.ts').then((c) => c.programmeDetailSchema),
      }),
  });
}

/**
 * A change to a programme at /api/programmes/:programmeId<path>: each answers with the
 * programme as it now is.
 */
export const changeProgramme = (
  programmeId: string,
  path: string,
  init: { method: string; body?: unknown },
) =>
  api(`/api/programmes/${programmeId}${path}`, {
    ...init,
    schema: () => import('../../contracts/programmes.ts').then((c) => c.programmeDetailSchema),
  });

/** The planner's draft of a term's walks (writes nothing). */
export const planTerm = (programmeId: string, body: unknown) =>
  api(`/api/programmes/${programmeId}/term-plan`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/programmes.ts').then((c) => c.termPlanSchema),
  });

/** A school's protocol settings, their safe bounds and whether this person may change them. */
export function useProtocolSettings(schoolId: string) {
  return useQuery({
    queryKey: ['protocol-settings', schoolId] as const,
    queryFn: () =>
      api(`/api/schools/${schoolId}/protocol`, {
        schema: () =>
          import('../../contracts/programmes.ts').then((c) => c.protocolSettingsResponseSchema),
      }),
  });
}

export const saveProtocolSettings = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/protocol`, {
    method: 'PUT',
    body,
    // The server answers with the settings alone (not the bounds and canEdit of the GET).
    schema: () => import('../../contracts/programmes.ts').then((c) => c.protocolSettingsSchema),
  });
