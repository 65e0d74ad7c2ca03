import { api } from '../lib/api.ts';

/** The capture feature's query keys (what is kept on the device lives in IndexedDB instead). */
export const captureKeys = {
  bundle: (walkId: string) => ['capture-bundle', walkId] as const,
};

/** Everything an observer needs for a walk, to keep on the device. */
export const getBundle = (walkId: string) =>
  api(`/api/walks/${walkId}/capture`, {
    schema: () => import('../../contracts/records.ts').then((c) => c.captureBundleSchema),
  });
