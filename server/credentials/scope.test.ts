import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { loadCredentials } from '../config/credentials.ts';
import type { Env } from '../config/variables.ts';
import { credentialProvider } from './from-config.ts';
import { scopeToCredential } from './scope.ts';

const made: string[] = [];
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

function cloudsYaml(content: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'scope-'));
  made.push(root);
  writeFileSync(path.join(root, 'clouds.yaml'), content);
  return root;
}

/** Configuration and credential as the proxy runtime makes them, the regions fitted to it. */
function configure(env: Env, searchDirs: string[] = []) {
  const config = loadConfig(env);
  const credentials = credentialProvider(loadCredentials(env, config, { searchDirs }), config);
  return { config: scopeToCredential(config, credentials), credentials };
}
const TOKEN = { OS_TOKEN: 'token-value-123456' };

const OTC_CLOUD = `
clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-nl.otc.t-systems.com/v3
      username: desk
      password: desk-password-1
      user_domain_name: OTC00000000001000000001
`;

describe('SFS_TURBO_REGIONS', () => {
  it('defaults to the default region, and OS_AUTH_MAX_LOGINS_PER_MIN to 10', () => {
    const config = loadConfig({});
    expect(config.allowedRegions).toEqual(['eu-de']);
    expect(config.maxLoginsPerMinute).toBe(10);
    expect(loadConfig({ SFS_TURBO_REGION: 'eu-nl' }).allowedRegions).toEqual(['eu-nl']);
  });

  it('takes a comma list; its first region is the default unless SFS_TURBO_REGION names another of it', () => {
    const config = loadConfig({ SFS_TURBO_REGIONS: ' eu-nl, eu-de ,eu-nl' });
    expect(config.allowedRegions).toEqual(['eu-nl', 'eu-de']);
    expect(config.defaultRegion).toBe('eu-nl');
    expect(
      loadConfig({ SFS_TURBO_REGIONS: 'eu-nl,eu-de', SFS_TURBO_REGION: 'eu-de' }).defaultRegion,
    ).toBe('eu-de');
  });

  it('stops the start on a malformed list or a default region outside it, naming the variable', () => {
    expect(() => loadConfig({ SFS_TURBO_REGIONS: 'eu-de,EU NL' })).toThrow(
      /SFS_TURBO_REGIONS: "EU NL"/,
    );
    expect(() => loadConfig({ SFS_TURBO_REGIONS: 'eu-nl', SFS_TURBO_REGION: 'eu-de' })).toThrow(
      /SFS_TURBO_REGION=eu-de is not one of SFS_TURBO_REGIONS/,
    );
    expect(() => loadConfig({ OS_AUTH_MAX_LOGINS_PER_MIN: '0' })).toThrow(
      /OS_AUTH_MAX_LOGINS_PER_MIN/,
    );
  });

  it('knows private regions it lists, for a private endpoint', () => {
    const config = loadConfig({
      SFS_TURBO_REGIONS: 'xx-private-1',
      SFS_TURBO_ENDPOINT: 'http://127.0.0.1:1',
    });
    expect(config.regions.find((r) => r.id === 'xx-private-1')?.cloud).toBe('custom');
  });
});

describe('a credential is only allowed into its own cloud', () => {
  it('refuses to start when the allowed regions span both clouds, naming SFS_TURBO_REGIONS', () => {
    expect(() => configure({ ...TOKEN, SFS_TURBO_REGIONS: 'eu-de,cn-north-4' })).toThrow(
      ConfigError,
    );
    expect(() => configure({ ...TOKEN, SFS_TURBO_REGIONS: 'eu-de,cn-north-4' })).toThrow(
      /SFS_TURBO_REGIONS allows regions of two clouds, eu-de \(Open Telekom Cloud\) and cn-north-4 \(Huawei Cloud\)/,
    );
  });

  it('refuses a Huawei region for a clouds.yaml Open Telekom Cloud cloud', () => {
    const dir = cloudsYaml(OTC_CLOUD);
    expect(() => configure({ OS_CLOUD: 'otc', SFS_TURBO_REGIONS: 'cn-north-4' }, [dir])).toThrow(
      /SFS_TURBO_REGIONS allows cn-north-4 \(Huawei Cloud\), but the credential from clouds.yaml cloud "otc" belongs to Open Telekom Cloud/,
    );
  });

  it('refuses a Huawei region for a password login at Open Telekom Cloud’s IAM', () => {
    const env = {
      OS_USERNAME: 'desk',
      OS_PASSWORD: 'desk-password-1',
      OS_USER_DOMAIN_NAME: 'acme',
      OS_AUTH_URL: 'https://iam.eu-de.otc.t-systems.com/v3',
    };
    expect(() => configure({ ...env, SFS_TURBO_REGION: 'ap-southeast-1' })).toThrow(
      /SFS_TURBO_REGIONS allows ap-southeast-1 \(Huawei Cloud\)/,
    );
    const huawei = { ...env, OS_AUTH_URL: 'https://iam.ap-southeast-1.myhuaweicloud.com/v3' };
    expect(() => configure(huawei)).toThrow(
      /SFS_TURBO_REGIONS \(not set, so the default region\) allows eu-de \(Open Telekom Cloud\), but the credential from OS_AUTH_URL belongs to Huawei Cloud/,
    );
    expect(configure({ ...env, SFS_TURBO_REGIONS: 'eu-de,eu-nl' }).config.allowedRegions).toEqual([
      'eu-de',
      'eu-nl',
    ]);
  });

  it('takes a clouds.yaml cloud’s region_name as the default and only allowed region', () => {
    const dir = cloudsYaml(OTC_CLOUD);
    const { config, credentials } = configure({ OS_CLOUD: 'otc' }, [dir]);
    expect(credentials.kind).toBe('cloud');
    expect(config.defaultRegion).toBe('eu-nl');
    expect(config.allowedRegions).toEqual(['eu-nl']);
  });

  it('lets the simulator (no credential) serve any configuration', () => {
    expect(configure({ SFS_TURBO_REGIONS: 'eu-de,cn-north-4' }).config.allowedRegions).toEqual([
      'eu-de',
      'cn-north-4',
    ]);
  });
});
