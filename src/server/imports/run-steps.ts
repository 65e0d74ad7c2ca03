import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../../domain/imports/steps.ts';

/**
 * Lets the event loop take other requests before going on (issue 22): PGlite runs each
 * statement on this thread, so long work done without a pause would stall every other request.
 */
export const yieldToOthers = () => nextTurn();

/** The longest stretch of import work between two turns of the event loop. */
const SLICE_MS = 15;

/**
 * Runs the domain's long pure work (a generator that pauses every few hundred rows) a slice
 * at a time, letting the event loop take other requests (liveness, static files, other
 * people's pages) between slices (issue 22). The result is the same as runSteps'.
 */
export async function runStepsYielding<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
