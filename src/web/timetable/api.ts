import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';

/** The timetable feature's query keys; everything under `school(id)` is that school's lessons. */
export const lessonKeys = {
  school: (schoolId: string) => ['lessons', schoolId] as const,
  page: (schoolId: string, query: string) => ['lessons', schoolId, query] as const,
};

/** One page of lessons, filtered by `query` (q, page, pageSize, weekday, room, teacher). */
export function useLessons(schoolId: string, query: URLSearchParams) {
  return useQuery({
    queryKey: lessonKeys.page(schoolId, query.toString()),
    queryFn: () =>
      api(`/api/schools/${schoolId}/lessons?${query}`, {
        schema: () => import('../../contracts/timetable.ts').then((c) => c.lessonPageSchema),
      }),
    placeholderData: keepPreviousData,
  });
}

export const saveLesson = (schoolId: string, lessonId: string | null, body: unknown) =>
  lessonId
    ? api(`/api/schools/${schoolId}/lessons/${lessonId}`, {
        method: 'PUT',
        body,
        schema: () => import('../../contracts/timetable.ts').then((c) => c.lessonResponseSchema),
      })
    : api(`/api/schools/${schoolId}/lessons`, {
        method: 'POST',
        body,
        schema: () => import('../../contracts/timetable.ts').then((c) => c.lessonResponseSchema),
      });

export const removeLesson = (schoolId: string, lessonId: string) =>
  api(`/api/schools/${schoolId}/lessons/${lessonId}`, { method: 'DELETE' });

export const setCycle = (schoolId: string, cycleWeeks: number) =>
  api(`/api/schools/${schoolId}/cycle`, { method: 'PUT', body: { cycleWeeks } });

/**
 * The school day's lists (periods, departments, year groups) live at
 * /api/schools/:id/<list>: add with POST, change with PUT …/:itemId, remove with DELETE.
 */
export const setupListPath = (schoolId: string, list: 'periods' | 'departments' | 'year-groups') =>
  `/api/schools/${schoolId}/${list}`;

export const saveListItem = (path: string, itemId: string | null, body: unknown) =>
  itemId ? api(`${path}/${itemId}`, { method: 'PUT', body }) : api(path, { method: 'POST', body });

export const removeListItem = (path: string, itemId: string) =>
  api(`${path}/${itemId}`, { method: 'DELETE' });
