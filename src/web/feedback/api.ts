import { useQuery } from '@tanstack/react-query';
import type { AnswerFeedbackInput, OfferFeedbackInput } from '../../contracts/feedback.ts';
import { api } from '../lib/api.ts';

/** Feedback conversations' query keys (issue 16). */
export const feedbackKeys = {
  walk: (walkId: string) => ['walk-feedback', walkId] as const,
  mine: ['my-feedback'] as const,
};

const contract = () => import('../../contracts/feedback.ts');
const conversation = () => contract().then((c) => c.feedbackConversationSchema);

/** A walk's visits with their feedback conversations (its observers and the school's leaders). */
export function useWalkFeedback(walkId: string, enabled: boolean) {
  return useQuery({
    queryKey: feedbackKeys.walk(walkId),
    enabled,
    queryFn: () =>
      api(`/api/walks/${walkId}/feedback`, {
        schema: () => contract().then((c) => c.walkFeedbackSchema),
      }),
  });
}

/** The feedback conversations offered to me about my visited lessons. */
export function useMyFeedback() {
  return useQuery({
    queryKey: feedbackKeys.mine,
    queryFn: () =>
      api('/api/me/feedback', { schema: () => contract().then((c) => c.myFeedbackSchema) }),
  });
}

export const offerFeedback = (visitId: string, body: OfferFeedbackInput) =>
  api(`/api/visits/${visitId}/feedback`, { method: 'PUT', body, schema: conversation });

export const answerFeedback = (visitId: string, body: AnswerFeedbackInput) =>
  api(`/api/visits/${visitId}/feedback/answer`, { method: 'POST', body, schema: conversation });

export const feedbackHeld = (visitId: string) =>
  api(`/api/visits/${visitId}/feedback/held`, { method: 'POST', schema: conversation });
