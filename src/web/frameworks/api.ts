import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The frameworks feature's query keys: the trust's frameworks, versions, a school's foci. */
export const frameworkKeys = {
  list: () => ['frameworks'] as const,
  library: () => ['framework-library'] as const,
  version: (frameworkId: string | undefined, versionNo: string) =>
    ['framework-version', frameworkId, versionNo] as const,
  foci: (schoolId: string) => ['foci', schoolId] as const,
};

/** The trust's frameworks and whether the person may edit them. */
export function useFrameworks() {
  return useQuery({
    queryKey: frameworkKeys.list(),
    queryFn: () =>
      api('/api/frameworks', {
        schema: () => import('../../contracts/frameworks.ts').then((c) => c.frameworkListSchema),
      }),
  });
}

/** The built-in library of frameworks a trust can start from. */
export function useLibrary() {
  return useQuery({
    queryKey: frameworkKeys.library(),
    queryFn: () =>
      api('/api/frameworks/library', {
        schema: () => import('../../contracts/frameworks.ts').then((c) => c.libraryListSchema),
      }),
  });
}

export const getVersion = (frameworkId: string, versionNo: string | number) =>
  api(`/api/frameworks/${frameworkId}/versions/${versionNo}`, {
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.versionDetailSchema),
  });

/** One version of a framework (not asked for until `enabled`). */
export function useVersion(frameworkId: string | undefined, versionNo: string, enabled = true) {
  return useQuery({
    queryKey: frameworkKeys.version(frameworkId, versionNo),
    queryFn: () => getVersion(frameworkId!, versionNo),
    enabled,
  });
}

/** A school's foci and its own look-fors. */
export function useFoci(schoolId: string) {
  return useQuery({
    queryKey: frameworkKeys.foci(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/foci`, {
        schema: () => import('../../contracts/frameworks.ts').then((c) => c.fociListSchema),
      }),
  });
}

/** Start a framework, empty or from the library; answers with its first (draft) version. */
export const createFramework = (body: unknown) =>
  api('/api/frameworks', {
    method: 'POST',
    body,
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.versionDetailSchema),
  });

/** Import a framework exported from another trust or install. */
export const importFramework = (body: unknown) =>
  api<{ framework: { id: string } }>('/api/frameworks/import', { method: 'POST', body });

/** A new draft version of a framework, from its latest. */
export const newDraft = (frameworkId: string) =>
  api(`/api/frameworks/${frameworkId}/versions`, {
    method: 'POST',
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.versionDetailSchema),
  });

export const saveDraft = (frameworkId: string, body: unknown) =>
  api(`/api/frameworks/${frameworkId}/draft`, {
    method: 'PUT',
    body,
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.versionDetailSchema),
  });

export const publishDraft = (frameworkId: string) =>
  api(`/api/frameworks/${frameworkId}/draft/publish`, {
    method: 'POST',
    schema: () => import('../../contracts/frameworks.ts').then((c) => c.versionDetailSchema),
  });

export const createFocus = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/foci`, { method: 'POST', body });
export const removeFocus = (schoolId: string, focusId: string) =>
  api(`/api/schools/${schoolId}/foci/${focusId}`, { method: 'DELETE' });
export const createSchoolLookFor = (schoolId: string, body: unknown) =>
  api(`/api/schools/${schoolId}/look-fors`, { method: 'POST', body });
