import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False while React takes over prerendered markup, true from then on (and at once on a page that
 * was not prerendered). A prerendered form keeps its buttons off until then: a native submit
 * before the script runs would put the password in the address.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
