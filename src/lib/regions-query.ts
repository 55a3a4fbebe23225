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

/** "Open Telekom Cloud · Germany (eu-de)" beside "eu-de": the name without the code again. */
export function regionNameBeside(id: string, name: string | undefined): string | undefined {
  const suffix = ` (${id})`;
  return name?.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/**
 * The region list for a drop-down, grouped by cloud: "Open Telekom Cloud" over "Germany
 * (eu-de)", so that each option is short enough to read whole in a narrow field.
 */
export function regionGroups(
  regions: readonly { id: string; name: string }[],
): { cloud: string; options: { id: string; text: string }[] }[] {
  const groups: { cloud: string; options: { id: string; text: string }[] }[] = [];
  for (const region of regions) {
    const split = region.name.indexOf(' · ');
    const cloud = split < 0 ? '' : region.name.slice(0, split);
    const text = split < 0 ? region.name : region.name.slice(split + 3);
    const group = groups.find((candidate) => candidate.cloud === cloud);
    if (group) group.options.push({ id: region.id, text });
    else groups.push({ cloud, options: [{ id: region.id, text }] });
  }
  return groups;
}
