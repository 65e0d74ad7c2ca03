import { useQuery } from '@tanstack/react-query';
import type {
  AttemptInput,
  HostDecision,
  SceneInput,
  VisitingProposal,
} from '../../contracts/observers.ts';
import { api } from '../lib/api.ts';

/** Observer training, agreement and walks across schools (issue 15): query keys and calls. */
export const observerKeys = {
  training: ['training'] as const,
  version: (versionId: string) => ['training', versionId] as const,
  scene: (sceneId: string) => ['training-scene', sceneId] as const,
  myAgreement: ['my-agreement'] as const,
  trustAgreement: ['trust-agreement'] as const,
  visiting: ['visiting-walks'] as const,
  hosts: ['visiting-hosts'] as const,
  networks: ['networks'] as const,
  progress: ['training-progress'] as const,
};

const contract = () => import('../../contracts/observers.ts');

export const useTraining = () =>
  useQuery({
    queryKey: observerKeys.training,
    queryFn: () =>
      api('/api/training', { schema: () => contract().then((c) => c.trainingOverviewSchema) }),
  });

export const useTrainingVersion = (versionId: string) =>
  useQuery({
    queryKey: observerKeys.version(versionId),
    queryFn: () =>
      api(`/api/training/versions/${versionId}`, {
        schema: () => contract().then((c) => c.trainingVersionSchema),
      }),
  });

export const useScene = (sceneId: string) =>
  useQuery({
    queryKey: observerKeys.scene(sceneId),
    queryFn: () =>
      api(`/api/training/scenes/${sceneId}`, {
        schema: () => contract().then((c) => c.sceneSchema),
      }),
  });

export const readGuidance = (versionId: string) =>
  api(`/api/training/versions/${versionId}/guidance`, { method: 'POST' });

export const tryExercise = (versionId: string, text: string) =>
  api(`/api/training/versions/${versionId}/exercise`, {
    method: 'POST',
    body: { text },
    schema: () => contract().then((c) => c.exerciseResultSchema),
  });

export const attemptScene = (sceneId: string, body: AttemptInput) =>
  api(`/api/training/scenes/${sceneId}/attempts`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.attemptResultSchema),
  });

export const createScene = (body: SceneInput) =>
  api<{ id: string }>('/api/training/scenes', { method: 'POST', body });

export const useMyAgreement = () =>
  useQuery({
    queryKey: observerKeys.myAgreement,
    queryFn: () =>
      api('/api/me/agreement', { schema: () => contract().then((c) => c.myAgreementSchema) }),
  });

export const useTrustAgreement = (enabled: boolean) =>
  useQuery({
    queryKey: observerKeys.trustAgreement,
    enabled,
    queryFn: () =>
      api('/api/trust/agreement', {
        schema: () => contract().then((c) => c.trustAgreementSchema),
      }),
  });

export const useVisitingWalks = () =>
  useQuery({
    queryKey: observerKeys.visiting,
    queryFn: () =>
      api('/api/visiting-walks', {
        schema: () => contract().then((c) => c.visitingWalksSchema),
      }),
  });

export const useNetworks = () =>
  useQuery({
    queryKey: observerKeys.networks,
    queryFn: () => api('/api/networks', { schema: () => contract().then((c) => c.networksSchema) }),
  });

export const useHostSchools = (enabled: boolean) =>
  useQuery({
    queryKey: observerKeys.hosts,
    enabled,
    retry: false,
    queryFn: () =>
      api('/api/visiting-walks/hosts', {
        schema: () => contract().then((c) => c.hostSchoolsSchema),
      }),
  });

export const proposeWalk = (body: VisitingProposal) =>
  api('/api/visiting-walks', {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.visitingWalkSchema),
  });

export const decideWalk = (walkId: string, body: HostDecision) =>
  api(`/api/visiting-walks/${walkId}/decision`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.visitingWalkSchema),
  });

/** Leaders: how many observers of each school completed each module (issue 15). */
export const useTrainingProgress = (enabled: boolean) =>
  useQuery({
    queryKey: observerKeys.progress,
    enabled,
    queryFn: () =>
      api('/api/training/progress', {
        schema: () => contract().then((c) => c.trainingProgressSchema),
      }),
  });
