import type { ApiError } from './api-error';

// Only the lookup-failure panel quotes them: a module of its own keeps this out of the first load.
/**
 * The request IDs to quote, each with where it came from: one when header and body agree
 * (or only one is there), both, labelled, when they differ.
 */
export function requestIdsOf(
  error: Pick<ApiError, 'requestId' | 'bodyRequestId'>,
): { label: string; value: string }[] {
  const body = error.bodyRequestId?.trim() ? error.bodyRequestId : undefined;
  const header =
    error.requestId !== undefined && error.requestId !== body ? error.requestId : undefined;
  if (header !== undefined && body !== undefined) {
    return [
      { label: 'Request ID (X-request-id header)', value: header },
      { label: 'Request ID (error body)', value: body },
    ];
  }
  if (body !== undefined) return [{ label: 'Request ID', value: body }];
  return [{ label: 'Request ID', value: error.requestId ?? '—' }];
}
