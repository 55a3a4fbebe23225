import { queryOptions } from '@tanstack/react-query';
import type { RegionsResponse } from '../../common/contract';
import { appUrl } from './base-path';

// Not in api-client.ts: every page's shell asks for the region list, and the job client
// brings the response schema with it, which only the job page needs.
export async function fetchRegions(signal?: AbortSignal): Promise<RegionsResponse> {
  const response = await fetch(appUrl('/api/regions'), { signal: signal ?? null });
  if (!response.ok) {
    throw new Error(`The dashboard server answered ${response.status} for its region list`);
  }
  return (await response.json()) as RegionsResponse;
}

/** The proxy's configuration; it does not change while the page is open. */
export const regionsQuery = queryOptions({
  queryKey: ['regions'],
  queryFn: ({ signal }) => fetchRegions(signal),
  staleTime: Infinity,
  retry: 2,
});
