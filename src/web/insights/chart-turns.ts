import { useEffect, useState } from 'react';

/**
 * Dashboards show their tables at once and draw their charts after, one at a time when the
 * browser is idle (issue 22): the first paint carries the figures, and no single long task
 * lays out every chart together.
 */
const waiting: Array<() => void> = [];
let running = false;

const whenIdle = (fn: () => void) =>
  typeof window.requestIdleCallback === 'function'
    ? window.requestIdleCallback(fn, { timeout: 500 })
    : window.setTimeout(fn, 16);

function next() {
  const give = waiting.shift();
  if (!give) {
    running = false;
    return;
  }
  running = true;
  whenIdle(() => {
    give();
    // Let the chart just given its turn commit before the next one starts.
    window.setTimeout(next, 0);
  });
}

/** True once this chart may mount; false for the first paint and while earlier charts draw. */
export function useChartTurn(wanted: boolean): boolean {
  const [turn, setTurn] = useState(false);
  useEffect(() => {
    if (!wanted || turn) return;
    let live = true;
    const give = () => {
      if (live) setTurn(true);
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
