import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
import { ApiFailure } from '../lib/api.ts';

export const newQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiFailure && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });

/**
 * What wraps every page, in the browser and in the build's prerender alike: the two must render
 * the same tree for the prerendered sign-in page to hydrate.
 */
export function Root({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <StrictMode>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </StrictMode>
  );
}
