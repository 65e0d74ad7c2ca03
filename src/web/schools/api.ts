import { useQuery } from '@tanstack/react-query';
import type {
  ClosureInput,
  CreateSchool,
  SchoolInput,
  TermInput,
} from '../../contracts/schools.ts';
import { api } from '../lib/api.ts';

/** The schools feature's query keys: a school's detail, the list, a person's timetable. */
export const schoolKeys = {
  list: () => ['schools'] as const,
  detail: (schoolId: string) => ['school', schoolId] as const,
  timetable: (schoolId: string, personId: string) => ['timetable', schoolId, personId] as const,
};

/** One school: details, calendar, the set-up lists and what the person may change. */
export function useSchool(schoolId: string) {
  return useQuery({
    queryKey: schoolKeys.detail(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}`, {
        schema: () => import('../../contracts/schools.ts').then((c) => c.schoolDetailSchema),
      }),
  });
}

/** The schools the person can see. */
export function useSchools() {
  return useQuery({
    queryKey: schoolKeys.list(),
    queryFn: () =>
      api('/api/schools', {
        schema: () => import('../../contracts/schools.ts').then((c) => c.schoolListSchema),
      }),
  });
}

/** A person's timetable at one school (not asked for while personId is empty). */
export function useTimetable(schoolId: string, personId: string) {
  return useQuery({
    queryKey: schoolKeys.timetable(schoolId, personId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/people/${personId}/timetable`, {
        schema: () => import('../../contracts/schools.ts').then((c) => c.timetableSchema),
      }),
    enabled: personId !== '',
  });
}

export const createSchool = (body: CreateSchool) =>
  api('/api/schools', {
    method: 'POST',
    body,
    schema: () => import('../../contracts/schools.ts').then((c) => c.schoolDetailSchema),
  });

export const updateSchool = (schoolId: string, body: Omit<SchoolInput, 'cycleWeeks'>) =>
  api(`/api/schools/${schoolId}`, { method: 'PUT', body });

export const saveTerm = (schoolId: string, termId: string | null, body: TermInput) =>
  termId
    ? api(`/api/schools/${schoolId}/terms/${termId}`, {
        method: 'PUT',
        body,
        schema: () => import('../../contracts/schools.ts').then((c) => c.termResponseSchema),
      })
    : api(`/api/schools/${schoolId}/terms`, {
        method: 'POST',
        body,
        schema: () => import('../../contracts/schools.ts').then((c) => c.termResponseSchema),
      });

export const removeTerm = (schoolId: string, termId: string) =>
  api(`/api/schools/${schoolId}/terms/${termId}`, { method: 'DELETE' });

export const saveClosure = (schoolId: string, closureId: string | null, body: ClosureInput) =>
  closureId
    ? api(`/api/schools/${schoolId}/closures/${closureId}`, {
        method: 'PUT',
        body,
        schema: () => import('../../contracts/schools.ts').then((c) => c.closureResponseSchema),
      })
    : api(`/api/schools/${schoolId}/closures`, {
        method: 'POST',
        body,
        schema: () => import('../../contracts/schools.ts').then((c) => c.closureResponseSchema),
      });

export const removeClosure = (schoolId: string, closureId: string) =>
  api(`/api/schools/${schoolId}/closures/${closureId}`, { method: 'DELETE' });
