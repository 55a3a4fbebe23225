import catalogue from './regions.json' with { type: 'json' };
import type { CloudKind, RegionInfo } from '../common/contract.ts';

export interface RegionEndpoints extends RegionInfo {
  /** SFS Turbo base URL, without a trailing slash. */
  sfsTurbo: string;
  /** IAM v3 base URL, without a trailing slash (ends in `/v3`). */
  iam: string;
}

export const REGION_CATALOGUE: readonly RegionEndpoints[] = catalogue.regions.map((region) => ({
  id: region.id,
  name: region.name,
  cloud: region.cloud as CloudKind,
  sfsTurbo: region.sfsTurbo,
  iam: region.iam,
}));

/**
 * The regions the proxy serves: the catalogue, plus the configured default region when it is
 * not in the catalogue (a private region reached through `SFS_TURBO_ENDPOINT`).
 */
export function resolveRegions(defaultRegion: string): RegionEndpoints[] {
  const regions = [...REGION_CATALOGUE];
  if (!regions.some((region) => region.id === defaultRegion)) {
    regions.unshift({
      id: defaultRegion,
      name: `Custom region (${defaultRegion})`,
      cloud: 'custom',
      sfsTurbo: '',
      iam: '',
    });
  }
  return regions;
}
