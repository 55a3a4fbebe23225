import type { CloudKind } from '../../common/contract.ts';
import { ConfigError, type ServerConfig } from '../config/config.ts';
import { CLOUD_NAMES, resolveRegions } from '../config/regions.ts';
import type { CredentialProvider } from './provider.ts';

/**
 * Fits the regions to the credential. Unless `SFS_TURBO_REGION(S)` say otherwise, a
 * `clouds.yaml` cloud's `region_name` is the default and only allowed region. Then a
 * credential belongs to one cloud operator: allowing it into a region of another cloud
 * (an Open Telekom Cloud token sent to Huawei Cloud's Beijing endpoint) stops the start.
 */
export function scopeToCredential(
  config: ServerConfig,
  credentials: CredentialProvider,
): ServerConfig {
  if (credentials.kind === 'none') return config;
  const home = credentials.home;
  let scoped = config;
  if (!config.regionsFromEnv && home?.region) {
    scoped = {
      ...config,
      defaultRegion: home.region,
      allowedRegions: [home.region],
      regions: resolveRegions([home.region]),
    };
  }

  const byId = new Map(scoped.regions.map((region) => [region.id, region]));
  const clouds = new Map<CloudKind, string[]>();
  for (const id of scoped.allowedRegions) {
    const cloud = byId.get(id)?.cloud;
    // A private region (reached through SFS_TURBO_ENDPOINT) belongs to no public cloud.
    if (cloud === undefined || cloud === 'custom') continue;
    clouds.set(cloud, [...(clouds.get(cloud) ?? []), id]);
  }
  const variable = config.regionsFromEnv
    ? 'SFS_TURBO_REGIONS'
    : `SFS_TURBO_REGIONS (not set, so ${home?.region ? `the region_name of ${home.source}` : 'the default region'})`;
  const named = (cloud: CloudKind, ids: string[]) => `${ids.join(', ')} (${CLOUD_NAMES[cloud]})`;
  const own = home?.cloud;
  if (own && own !== 'custom') {
    for (const [cloud, ids] of clouds) {
      if (cloud === own) continue;
      throw new ConfigError(
        `${variable} allows ${named(cloud, ids)}, but the credential from ${home.source} belongs to ` +
          `${CLOUD_NAMES[own]}, and a credential is never sent to another cloud. Set SFS_TURBO_REGIONS ` +
          'to regions of its own cloud; a desk serving both clouds runs one deployment per cloud (docs/configuration.md).',
      );
    }
  }
  if (clouds.size > 1) {
    throw new ConfigError(
      `${variable} allows regions of two clouds, ${[...clouds].map(([cloud, ids]) => named(cloud, ids)).join(' and ')}, ` +
        'but one credential belongs to one cloud. A desk serving both clouds runs one deployment per cloud (docs/configuration.md).',
    );
  }
  return scoped;
}
