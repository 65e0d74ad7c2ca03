import { useQuery } from '@tanstack/react-query';
import type { ReflectionInput } from '../../contracts/peer-walks.ts';
import { api } from '../lib/api.ts';

/** Peer walks (issue 15): peer observers, private reflections. Query keys and calls. */
export const peerKeys = {
  observers: (schoolId: string) => ['peer-observers', schoolId] as const,
  mine: (walkId: string) => ['my-reflection', walkId] as const,
  list: ['my-reflections'] as const,
  one: (reflectionId: string) => ['reflection', reflectionId] as const,
};

const contract = () => import('../../contracts/peer-walks.ts');

export const usePeerObservers = (schoolId: string) =>
  useQuery({
    queryKey: peerKeys.observers(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/peer-observers`, {
        schema: () => contract().then((c) => c.peerObserversSchema),
      }),
  });

export const addPeerObserver = (schoolId: string, personId: string) =>
  api(`/api/schools/${schoolId}/peer-observers`, {
    method: 'POST',
    body: { personId },
    schema: () => contract().then((c) => c.peerObserversSchema),
  });

export const removePeerObserver = (schoolId: string, personId: string) =>
  api(`/api/schools/${schoolId}/peer-observers/${personId}`, {
    method: 'DELETE',
    schema: () => contract().then((c) => c.peerObserversSchema),
  });

export const useMyReflection = (walkId: string) =>
  useQuery({
    queryKey: peerKeys.mine(walkId),
    queryFn: () =>
      api(`/api/walks/${walkId}/my-reflection`, {
        schema: () => contract().then((c) => c.myReflectionSchema),
      }),
  });

export const saveReflection = (walkId: string, body: ReflectionInput) =>
  api(`/api/walks/${walkId}/my-reflection`, {
    method: 'PUT',
    body,
    schema: () => contract().then((c) => c.reflectionSchema),
  });

export const shareReflection = (reflectionId: string, coachId: string | null) =>
  api(`/api/reflections/${reflectionId}/coach`, {
    method: 'PUT',
    body: { coachId },
    schema: () => contract().then((c) => c.reflectionSchema),
  });

export const useMyReflections = () =>
  useQuery({
    queryKey: peerKeys.list,
    queryFn: () =>
      api('/api/me/reflections', { schema: () => contract().then((c) => c.myReflectionsSchema) }),
  });

export const useReflection = (reflectionId: string) =>
  useQuery({
    queryKey: peerKeys.one(reflectionId),
    queryFn: () =>
      api(`/api/reflections/${reflectionId}`, {
        schema: () => contract().then((c) => c.reflectionSchema),
      }),
  });
