import type { CloudKind, RegionInfo } from '../../common/contract.ts';
import catalogue from './regions.json' with { type: 'json' };

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
 * The regions the proxy knows: the catalogue, plus each configured region that is not in it
 * (a private region reached through `SFS_TURBO_ENDPOINT`). Which of them the credential may
 * be used in is a separate list (`ServerConfig.allowedRegions`).
 */
export function resolveRegions(configured: readonly string[]): RegionEndpoints[] {
  const custom = [...new Set(configured)]
    .filter((id) => !REGION_CATALOGUE.some((region) => region.id === id))
    .map((id) => ({
      id,
      name: `Custom region (${id})`,
      cloud: 'custom' as const,
      sfsTurbo: '',
      iam: '',
    }));
  return [...custom, ...REGION_CATALOGUE];
}

export function catalogueRegion(id: string): RegionEndpoints | undefined {
  return REGION_CATALOGUE.find((region) => region.id === id);
}

const CLOUD_DOMAINS: ReadonlyArray<readonly [string, CloudKind]> = [
  ['otc.t-systems.com', 'otc'],
  ['myhuaweicloud.com', 'huawei'],
  ['myhuaweicloud.eu', 'huawei'],
  ['huaweicloud.com', 'huawei'],
];

/** The public cloud an address (an IAM URL) belongs to; undefined for a private or unknown one. */
export function cloudOfUrl(url: string | undefined): CloudKind | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return CLOUD_DOMAINS.find(([domain]) => host === domain || host.endsWith(`.${domain}`))?.[1];
}

export const CLOUD_NAMES: Readonly<Record<CloudKind, string>> = {
  otc: 'Open Telekom Cloud',
  huawei: 'Huawei Cloud',
  custom: 'a private cloud',
};
