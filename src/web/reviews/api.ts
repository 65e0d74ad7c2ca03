import { useQuery } from '@tanstack/react-query';
import type { OpenReviewInput } from '../../contracts/reviews.ts';
import { api } from '../lib/api.ts';

/** The reviews feature's query keys. */
export const reviewKeys = {
  school: (schoolId: string) => ['reviews', schoolId] as const,
  detail: (reviewId: string) => ['review', reviewId] as const,
};

export function useReviews(schoolId: string) {
  return useQuery({
    queryKey: reviewKeys.school(schoolId),
    queryFn: () =>
      api(`/api/schools/${schoolId}/reviews`, {
        schema: () => import('../../contracts/reviews.ts').then((c) => c.reviewListSchema),
      }),
  });
}

export const openReview = (schoolId: string, body: OpenReviewInput) =>
  api(`/api/schools/${schoolId}/reviews`, {
    method: 'POST',
    body,
    schema: () => import('../../contracts/reviews.ts').then((c) => c.reviewDetailSchema),
  });

export function useReview(reviewId: string) {
  return useQuery({
    queryKey: reviewKeys.detail(reviewId),
    queryFn: () =>
      api(`/api/reviews/${reviewId}`, {
        schema: () => import('../../contracts/reviews.ts').then((c) => c.reviewDetailSchema),
      }),
  });
}

/**
 * A leader's change to a review at /api/reviews/:reviewId<path>: each answers with the review
 * as it now is.
 */
export const changeReview = (
  reviewId: string,
  path: string,
  init: { method: string; body?: unknown },
) =>
  api(`/api/reviews/${reviewId}${path}`, {
    ...init,
    schema: () => import('../../contracts/reviews.ts').then((c) => c.reviewDetailSchema),
  });

/** Answer a review's anonymous pulse. */
export const answerPulse = (reviewId: string, body: unknown) =>
  api<{ answered: true; message: string }>(`/api/reviews/${reviewId}/pulse`, {
    method: 'POST',
    body,
  });
