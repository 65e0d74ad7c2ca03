import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/**
 * The staff feature's query keys. Everything under `school(id)` is that school's staff, so one
 * invalidation refreshes every list of it.
 */
export const staffKeys = {
  school: (schoolId: string) => ['staff', schoolId] as const,
  /** The first page, as the school's page and the import's teacher list show it. */
  first: (schoolId: string) => ['staff', schoolId, 'first'] as const,
  /** Everyone (up to 200), for the people pickers. */
  everyone: (schoolId: string) => ['staff', schoolId, 'all'] as const,
  page: (schoolId: string, q: string, page: number) => ['staff', schoolId, q, page] as const,
};

/** The address of one page of a school's staff, searched. */
export const staffUrl = (schoolId: string, q: string, page: number, pageSize: number) =>
  `/api/schools/${schoolId}/staff?${new URLSearchParams({ q, page: String(page), pageSize: String(pageSize) })}`;

export const findStaff = (schoolId: string, q: string, page: number, pageSize: number) =>
  api(staffUrl(schoolId, q, page, pageSize), {
    schema: () => import('../../contracts/staff.ts').then((c) => c.staffPageSchema),
  });

/** One page of the staff list, searched; the last page stays while the next loads. */
export function useStaffPage(schoolId: string, q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: staffKeys.page(schoolId, q, page),
    queryFn: () => findStaff(schoolId, q, page, pageSize),
    placeholderData: keepPreviousData,
  });
}

/** The first page of a school's staff (the server's page size). */
export function useStaffFirstPage(schoolId: string) {
  return useQuery({
    queryKey: staffKeys.first(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/staff`, {
        schema: () => import('../../contracts/staff.ts').then((c) => c.staffPageSchema),
      }),
  });
}

/** Everyone on a school's staff (up to 200), for choosing observers. */
export function useEveryone(schoolId: string, enabled = true) {
  return useQuery({
    queryKey: staffKeys.everyone(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/staff?pageSize=200`, {
        schema: () => import('../../contracts/staff.ts').then((c) => c.staffPageSchema),
      }),
    enabled,
  });
}

export const saveStaffMember = (schoolId: string, memberId: string | null, body: unknown) =>
  memberId
    ? api(`/api/schools/${schoolId}/staff/${memberId}`, {
        method: 'PUT',
        body,
        schema: () => import('../../contracts/staff.ts').then((c) => c.staffMemberResponseSchema),
      })
    : api(`/api/schools/${schoolId}/staff`, {
        method: 'POST',
        body,
        schema: () => import('../../contracts/staff.ts').then((c) => c.staffMemberResponseSchema),
      });

export const removeStaffMember = (schoolId: string, memberId: string) =>
  api(`/api/schools/${schoolId}/staff/${memberId}`, { method: 'DELETE' });
