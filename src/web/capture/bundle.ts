import { useQuery } from '@tanstack/react-query';
import { useLive } from '../offline/live.ts';
import { loadBundle, storeBundle } from '../offline/store.ts';
import { captureKeys, getBundle } from './api.ts';

/**
 * A walk for capture: fetched when there is a connection and stored on the device at once;
 * read from the device when there is not. The stored copy is what the screens show.
 */
export function useBundle(ownerId: string, walkId: string) {
  const stored = useLive(() => loadBundle(ownerId, walkId), `${ownerId}:${walkId}`);
  const fetched = useQuery({
    queryKey: captureKeys.bundle(walkId),
    queryFn: async () => {
      const bundle = await getBundle(walkId);
      await storeBundle(ownerId, bundle);
      return bundle;
    },
    retry: false,
    staleTime: 30_000,
  });
  const bundle = stored?.bundle ?? fetched.data;
  return {
    bundle,
    savedAt: stored?.savedAt ?? null,
    loading: !bundle && (stored === undefined || fetched.isPending),
    error: !bundle ? fetched.error : null,
    /** The server's refusal when the device has a copy (e.g. no longer an observer). */
    refreshError: bundle ? fetched.error : null,
    refetch: fetched.refetch,
  };
}
