import { type ReactNode, type RefObject, startTransition, useEffect, useState } from 'react';

/**
 * Long pages draw in turns, one part at a time when the browser is idle (issue 22): the first
 * paint carries the top of the page, and no single long task builds and lays out the whole of
 * it. Dashboards give each chart and each section below the first figures a turn.
 */
const waiting: Array<() => void> = [];
let running = false;
const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

const whenIdle = (fn: () => void) =>
  typeof window.requestIdleCallback === 'function'
    ? window.requestIdleCallback(fn, { timeout: 500 })
    : window.setTimeout(fn, 16);

function next() {
  const give = waiting.shift();
  if (!give) {
    // Done once the browser is idle again, the last part drawn (its render is a transition).
    whenIdle(() => {
      if (waiting.length > 0) return next();
      running = false;
      changed();
    });
    return;
  }
  if (!running) {
    running = true;
    changed();
  }
  whenIdle(() => {
    give();
    // Let the part just given its turn commit before the next one starts.
    window.setTimeout(next, 0);
  });
}

/** True once this part may mount; false for the first paint and while earlier parts draw. */
export function useTurn(wanted = true): boolean {
  const [turn, setTurn] = useState(false);
  useEffect(() => {
    if (!wanted || turn) return;
    let live = true;
    // A transition: the part is drawn in slices too.
    const give = () => {
      if (live) startTransition(() => setTurn(true));
    };
    waiting.push(give);
    if (!running) next();
    return () => {
      live = false;
      const at = waiting.indexOf(give);
      if (at >= 0) waiting.splice(at, 1);
    };
  }, [wanted, turn]);
  return turn;
}

/** Its children, once their turn has come (nothing until then). */
export function InTurn({ children }: { children: ReactNode }) {
  return useTurn() ? children : null;
}

/**
 * Marks the element aria-busy while parts of the page wait for their turn, so a screen reader
 * (or a test) reads the page whole. Set on the element directly: a state change here would
 * redraw the whole page each time.
 */
export function useBusyWhileTurnsWait(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const mark = () =>
      ref.current?.setAttribute('aria-busy', String(running || waiting.length > 0));
    mark();
    listeners.add(mark);
    return () => {
      listeners.delete(mark);
    };
  }, [ref]);
}
