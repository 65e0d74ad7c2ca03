import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The rooms feature's query keys; everything under `school(id)` is that school's rooms. */
export const roomKeys = {
  school: (schoolId: string) => ['rooms', schoolId] as const,
  /** Every room (up to 200), for pickers and the school's page. */
  everyone: (schoolId: string) => ['rooms', schoolId, 'all'] as const,
  page: (schoolId: string, q: string, page: number) => ['rooms', schoolId, q, page] as const,
};

/** One page of the rooms list, searched; the last page stays while the next loads. */
export function useRoomsPage(schoolId: string, q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: roomKeys.page(schoolId, q, page),
    queryFn: () =>
      api(
        `/api/schools/${schoolId}/rooms?${new URLSearchParams({ q, page: String(page), pageSize: String(pageSize) })}`,
        { schema: () => import('../../contracts/rooms.ts').then((c) => c.roomPageSchema) },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every room of a school (up to 200). */
export function useAllRooms(schoolId: string) {
  return useQuery({
    queryKey: roomKeys.everyone(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/rooms?pageSize=200`, {
        schema: () => import('../../contracts/rooms.ts').then((c) => c.roomPageSchema),
      }),
  });
}

export const saveRoom = (
  schoolId: string,
  roomId: string | null,
  body: { name: string; building: string; floor: number },
) =>
  roomId
    ? api(`/api/schools/${schoolId}/rooms/${roomId}`, {
        method: 'PUT',
        body,
        schema: () => import('../../contracts/rooms.ts').then((c) => c.roomResponseSchema),
      })
    : api(`/api/schools/${schoolId}/rooms`, {
        method: 'POST',
        body,
        schema: () => import('../../contracts/rooms.ts').then((c) => c.roomResponseSchema),
      });

export const removeRoom = (schoolId: string, roomId: string) =>
  api(`/api/schools/${schoolId}/rooms/${roomId}`, { method: 'DELETE' });
