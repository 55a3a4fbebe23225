import { QueryClient } from '@tanstack/react-query';
import { isRetryable, retryDelay } from '../job/polling';
import { ApiError } from '../lib/api-error';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * Retry is a function of the error: transient failures (network, 5xx, 429) are retried with
 * backoff (or after `Retry-After`) for as long as the page is open; 400/401/403/404 stop at once.
 */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  const retryEnabled = options.retry ?? true;
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        retry: (_count, error) => retryEnabled && error instanceof ApiError && isRetryable(error),
        // Backoff, and never sooner than the server's Retry-After.
        retryDelay: (failureCount, error) =>
          retryDelay(failureCount + 1, error instanceof ApiError ? error : null),
        refetchOnReconnect: true,
      },
    },
  });
}
