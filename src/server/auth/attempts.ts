/**
 * Counts attempts per key over a sliding window, in this process's memory (each instance
 * counts its own: README, "Sign-in limits"). Only what the caller records counts: sign-in
 * records failures, so a busy staff-room computer signing colleagues in is never locked out.
 */
export class AttemptCounter {
  /** Each key's recent attempts: when, and whose (the account and address that made it). */
  private readonly seen = new Map<string, { at: number; by: string }[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  private recent(key: string) {
    const since = this.now().getTime() - this.windowMs;
    const kept = (this.seen.get(key) ?? []).filter((t) => t.at > since);
    if (kept.length) this.seen.set(key, kept);
    else this.seen.delete(key);
    return kept;
  }

  /** Whether the key has used up its attempts in the window. */
  blocked(key: string) {
    return this.recent(key).length >= this.limit;
  }

  /** Records an attempt against the key; `by` names who made it, so it can be forgiven. */
  record(key: string, by = key) {
    this.seen.set(key, [...this.recent(key), { at: this.now().getTime(), by }]);
    // Keep memory bounded under a flood of distinct keys: old entries go first.
    if (this.seen.size > 100_000) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  clear(key: string) {
    this.seen.delete(key);
  }

  /** Drops the key's attempts made by `by` (a person who then proved who they are). */
  forgive(key: string, by: string) {
    const kept = this.recent(key).filter((t) => t.by !== by);
    if (kept.length) this.seen.set(key, kept);
    else this.seen.delete(key);
  }
}

/** The limits, from LOGIN_MAX_ATTEMPTS (n, default 10) and LOGIN_WINDOW_MINUTES. */
export function signInLimits(maxAttempts: number) {
  return {
    /** Wrong passwords for one account from one address. */
    perAccountAndAddress: maxAttempts,
    /** Wrong passwords for one account from anywhere (a guesser moving between addresses). */
    perAccount: maxAttempts * 3,
    /** Wrong passwords from one address across accounts: a school shares one address. */
    perAddress: maxAttempts * 10,
    /** Sign-in links asked for one account (each one sends a mail). */
    linksPerAccount: Math.max(3, Math.ceil(maxAttempts / 2)),
    /** Sign-in links asked from one address across accounts. */
    linksPerAddress: maxAttempts * 10,
    /** Links tried that did not work, from one address. */
    badLinksPerAddress: maxAttempts * 10,
  };
}
