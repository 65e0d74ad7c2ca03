/**
 * Long pure work written as a generator that pauses (`yield`) every so many rows. It does no
 * I/O and knows nothing of time: whoever runs it decides what a pause means. `runSteps` runs it
 * straight to the end; the server runs it a few milliseconds at a time so that a 30,000-row
 * import never holds the event loop (issue 22).
 */
export type Steps<T> = Generator<void, T, void>;

/** How many rows pass between pauses: small enough that one stretch is a few milliseconds. */
export const ROWS_PER_STEP = 250;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
