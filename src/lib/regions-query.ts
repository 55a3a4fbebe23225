import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { RegionsResponse as RegionsContract } from '../../common/contract';
import { getJson } from './api-client';

/** `GET /api/regions`, as common/contract.ts describes it (the type check below keeps them equal). */
export const RegionsSchema = v.object({
  regions: v.array(
    v.object({ id: v.string(), name: v.string(), cloud: v.picklist(['otc', 'huawei', 'custom']) }),
  ),
  otherRegions: v.optional(v.array(v.string())),
  defaultRegion: v.string(),
  simulated: v.boolean(),
  credentials: v.object({ kind: v.picklist(['none', 'token', 'aksk', 'password', 'cloud']) }),
  endpointOverride: v.boolean(),
  demoJobs: v.array(
    v.object({
      projectId: v.string(),
      jobId: v.string(),
      title: v.string(),
      description: v.string(),
      group: v.string(),
      region: v.optional(v.string()),
    }),
  ),
});

export type RegionsResponse = v.InferOutput<typeof RegionsSchema>;

// The schema and the contract the server answers by must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsContract: Same<RegionsResponse, RegionsContract> = true;
void schemaIsContract;

export function fetchRegions(signal?: AbortSignal): Promise<RegionsResponse> {
  return getJson('/api/regions', RegionsSchema, "the dashboard server's region list", { signal });
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
