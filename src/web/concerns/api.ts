import { useQuery } from '@tanstack/react-query';
import type {
  AnswerConcernInput,
  DecideConcernInput,
  RaiseConcernInput,
  SchoolConcernSettingsInput,
  TrustConcernSettingsInput,
} from '../../contracts/concerns.ts';
import { api } from '../lib/api.ts';

/** The concerns feature's query keys (rule 12). */
export const concernKeys = {
  school: (schoolId: string) => ['concerns', schoolId] as const,
  detail: (concernId: string) => ['concern', concernId] as const,
  trust: ['concern-settings'] as const,
};

const contract = () => import('../../contracts/concerns.ts');

export function useConcerns(schoolId: string) {
  return useQuery({
    queryKey: concernKeys.school(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/concerns`, {
        schema: () => contract().then((c) => c.concernListSchema),
      }),
  });
}

export function useConcern(concernId: string) {
  return useQuery({
    queryKey: concernKeys.detail(concernId),
    queryFn: () =>
      api(`/api/concerns/${concernId}`, {
        schema: () => contract().then((c) => c.concernDetailSchema),
      }),
  });
}

export const raiseConcern = (schoolId: string, body: RaiseConcernInput) =>
  api(`/api/schools/${schoolId}/concerns`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.concernDetailSchema),
  });

/** One step on a concern (/support, /acknowledge, /answer, /decision, /escalation-answer). */
export const concernStep = (
  concernId: string,
  step: 'support' | 'acknowledge' | 'answer' | 'decision' | 'escalation-answer',
  body?: { confirm: boolean } | AnswerConcernInput | DecideConcernInput,
) =>
  api(`/api/concerns/${concernId}/${step}`, {
    method: 'POST',
    body,
    schema: () => contract().then((c) => c.concernDetailSchema),
  });

export const saveSchoolSettings = (schoolId: string, body: SchoolConcernSettingsInput) =>
  api(`/api/schools/${schoolId}/concern-settings`, { method: 'PUT', body });

export function useTrustSettings(enabled: boolean) {
  return useQuery({
    queryKey: concernKeys.trust,
    enabled,
    queryFn: () =>
      api('/api/trust/concern-settings', {
        schema: () => contract().then((c) => c.trustConcernSettingsDtoSchema),
      }),
  });
}

export const saveTrustSettings = (body: TrustConcernSettingsInput) =>
  api('/api/trust/concern-settings', {
    method: 'PUT',
    body,
    schema: () => contract().then((c) => c.trustConcernSettingsDtoSchema),
  });
