/** How failed mail is retried: exponential backoff with jitter, capped, then given up. */
export type RetryPolicy = {
  /** Retries after the first attempt; the mail is given up after 1 + retryLimit attempts. */
  retryLimit: number;
  /** The wait after the first failure. */
  baseSeconds: number;
  /** No wait is longer than this. */
  maxSeconds: number;
};

/**
 * What to do after a failed attempt, the `attempts`-th (1 for the first). The wait doubles with
 * each failure, from `baseSeconds` up to `maxSeconds`, and is spread over its upper half by
 * `random` (0 ≤ random < 1) so that many mails failing together do not all retry together.
 */
export function afterFailure(
  policy: RetryPolicy,
  attempts: number,
  random: number,
): { kind: 'retry'; afterSeconds: number } | { kind: 'give_up' } {
  if (attempts > policy.retryLimit) return { kind: 'give_up' };
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const full = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** exponent);
  const spread = Math.min(Math.max(random, 0), 0.999_999);
  return { kind: 'retry', afterSeconds: Math.max(1, Math.round(full * (0.5 + spread / 2))) };
}
