import { useQuery } from '@tanstack/react-query';
import type {
  RateStatementInput,
  StartSelfEvaluationInput,
  StatementActionInput,
} from '../../contracts/self-evaluation.ts';
import { api } from '../lib/api.ts';

/** The self-evaluation feature's query keys (issue 16). */
export const selfEvaluationKeys = {
  school: (schoolId: string) => ['self-evaluations', schoolId] as const,
  detail: (id: string) => ['self-evaluation', id] as const,
};

const contract = () => import('../../contracts/self-evaluation.ts');

export function useSelfEvaluations(schoolId: string) {
  return useQuery({
    queryKey: selfEvaluationKeys.school(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/self-evaluations`, {
        schema: () => contract().then((c) => c.selfEvaluationListSchema),
      }),
  });
}

export function useSelfEvaluation(id: string) {
  return useQuery({
    queryKey: selfEvaluationKeys.detail(id),
    queryFn: () =>
      api(`/api/self-evaluations/${id}`, {
        schema: () => contract().then((c) => c.selfEvaluationDetailSchema),
      }),
  });
}

const detail = { schema: () => contract().then((c) => c.selfEvaluationDetailSchema) };

export const startSelfEvaluation = (schoolId: string, body: StartSelfEvaluationInput) =>
  api(`/api/schools/${schoolId}/self-evaluations`, { method: 'POST', body, ...detail });

export const rateStatement = (id: string, statementId: string, body: RateStatementInput) =>
  api(`/api/self-evaluations/${id}/statements/${statementId}`, { method: 'PUT', body, ...detail });

export const completeSelfEvaluation = (id: string) =>
  api(`/api/self-evaluations/${id}/complete`, { method: 'POST', ...detail });

export const statementToAction = (id: string, statementId: string, body: StatementActionInput) =>
  api(`/api/self-evaluations/${id}/statements/${statementId}/action`, {
    method: 'POST',
    body,
    ...detail,
  });
