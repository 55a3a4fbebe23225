import { queryOptions } from '@tanstack/react-query';
import { fetchRegions } from './api-client';

/** The proxy's configuration; it does not change while the page is open. */
export const regionsQuery = queryOptions({
  queryKey: ['regions'],
  queryFn: ({ signal }) => fetchRegions(signal),
  staleTime: Infinity,
  retry: 2,
});
