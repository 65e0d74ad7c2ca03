import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'react';

/**
 * The result of an IndexedDB query, kept current: re-runs whenever the tables it read change
 * (in this tab or another). undefined until the first answer. `key` names the query's inputs:
 * when it changes, the query starts again.
 */
export function useLive<T>(query: () => Promise<T> | T, key: string): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the query's inputs.
  useEffect(() => {
    const subscription = liveQuery(() => latest.current()).subscribe({
      next: (v) => setValue(() => v),
      error: () => undefined,
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return value;
}
