import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCloud } from '../config/clouds-yaml.ts';
import { ConfigError, loadConfig, type ServerConfig } from '../config/config.ts';
import { loadCredentials } from '../config/credentials.ts';
import type { Env } from '../config/variables.ts';
import { credentialProvider } from './from-config.ts';

/** The error `run` throws; fails the test when it throws nothing. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

const P = 'e9993fc787d94b6c886cbaa340f9c0f4';
const config = loadConfig({});
const noDirs: string[] = [];
/** The credential as the server makes it: settings read at start, then the provider. */
const credentialsFromEnv = (env: Env, at: ServerConfig, options: { searchDirs?: string[] } = {}) =>
  credentialProvider(loadCredentials(env, at, options), at);
const pick = (env: Env, searchDirs = noDirs) => credentialsFromEnv(env, config, { searchDirs });
const request = {
  method: 'GET' as const,
  url: new URL(`https://sfs-turbo.eu-de.example/v1/${P}/sfs-turbo/jobs/j1`),
  region: 'eu-de',
  projectId: P,
};

const made: string[] = [];
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

function dir(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'clouds-'));
  made.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

describe('credentials from the environment, first match wins', () => {
  it('has none when nothing is set', () => {
    expect(pick({}).kind).toBe('none');
  });

  it('takes OS_TOKEN, then OS_AUTH_TOKEN, over everything else', async () => {
    const all = {
      OS_TOKEN: 'tok-a',
      OS_AUTH_TOKEN: 'tok-b',
      OS_ACCESS_KEY: 'AK',
      OS_SECRET_KEY: 'SK',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_DOMAIN_NAME: 'd',
    };
    const first = pick(all);
    expect([first.kind, first.description]).toEqual(['token', 'IAM token from OS_TOKEN']);
    expect(await first.headersFor(request)).toEqual({ 'X-Auth-Token': 'tok-a' });
    const { OS_TOKEN: _first, ...withoutFirst } = all;
    const second = pick(withoutFirst);
    expect(await second.headersFor(request)).toEqual({ 'X-Auth-Token': 'tok-b' });
  });

  it('takes AK/SK before a password', async () => {
    const provider = pick({
      OS_ACCESS_KEY: 'AKEXAMPLE00000001234',
      OS_SECRET_KEY: 'SK',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
    });
    expect(provider.kind).toBe('aksk');
    expect((await provider.headersFor(request)).Authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AKEXAMPLE00000001234, /,
    );
  });

  it('logs in with a password, with the domain from OS_USER_DOMAIN_NAME or OS_DOMAIN_NAME', () => {
    const a = pick({
      OS_USERNAME: 'alice',
      OS_PASSWORD: 'pw',
      OS_USER_DOMAIN_NAME: 'acme',
      OS_AUTH_URL: 'https://iam.example/v3',
    });
    expect(a.kind).toBe('password');
    expect(a.description).toBe(
      'IAM password login (OS_USERNAME/OS_PASSWORD) as user alice (domain acme) via IAM at https://iam.example',
    );
    const b = pick({ OS_USERNAME: 'alice', OS_PASSWORD: 'pw', OS_DOMAIN_NAME: 'acme2' });
    expect(b.description).toContain('(domain acme2) via the region’s IAM endpoint');
  });

  it.each([
    [{ OS_ACCESS_KEY: 'AK' }, /OS_SECRET_KEY is not/],
    [{ OS_SECRET_KEY: 'SK' }, /OS_ACCESS_KEY is not/],
    [{ OS_USERNAME: 'alice' }, /OS_PASSWORD is not/],
    [{ OS_PASSWORD: 'pw' }, /OS_USERNAME is not/],
    [{ OS_USERNAME: 'alice', OS_PASSWORD: 'pw' }, /domain/],
    [
      { OS_USERNAME: 'alice', OS_PASSWORD: 'pw', OS_DOMAIN_NAME: 'd', OS_AUTH_URL: 'not a url' },
      /OS_AUTH_URL is not a URL/,
    ],
    [{ OS_CLOUD: 'nowhere' }, /no clouds.yaml was found/],
  ])('refuses half a credential: %o', (env, message) => {
    expect(() => pick(env)).toThrow(ConfigError);
    expect(() => pick(env)).toThrow(message);
  });

  it('never quotes a secret in a configuration error', () => {
    for (const env of [{ OS_SECRET_KEY: 'sk-do-not-print' }, { OS_PASSWORD: 'pw-do-not-print' }]) {
      // Both are incomplete settings: the error must come, and must not quote the secret.
      const error = thrownBy(() => pick(env));
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).not.toMatch(/do-not-print/);
    }
  });

  it('needs OS_AUTH_URL for a password login when the default region has no IAM endpoint', () => {
    const custom = loadConfig({
      SFS_TURBO_REGION: 'xx-private-1',
      SFS_TURBO_ENDPOINT: 'http://127.0.0.1:1',
    });
    const env = { OS_USERNAME: 'alice', OS_PASSWORD: 'pw', OS_DOMAIN_NAME: 'd' };
    expect(() => credentialsFromEnv(env, custom)).toThrow(
      /region xx-private-1 has no known IAM endpoint, set OS_AUTH_URL/,
    );
    expect(credentialsFromEnv({ ...env, OS_AUTH_URL: 'https://iam.example/v3' }, custom).kind).toBe(
      'password',
    );
  });
});

describe('OS_CLOUD and clouds.yaml', () => {
  const cloudsYaml = `
clouds:
  otc:
    region_name: eu-de
    auth:
      auth_url: https://iam.eu-de.otc.t-systems.com:443/v3
      username: alice
      project_name: eu-de_project
      user_domain_name: OTC00000000001000000001
  otc-aksk:
    ak: AKEXAMPLE00000009999
    sk: cloud-sk
  otc-token:
    auth_type: token
    auth:
      token: cloud-token
  empty:
    region_name: eu-nl
`;
  const secureYaml = `
clouds:
  otc:
    auth:
      password: "from secure.yaml"
`;

  it('finds clouds.yaml in the first directory that has one, with secure.yaml merged in', () => {
    const empty = dir({});
    const config1 = dir({ 'clouds.yaml': cloudsYaml, 'secure.yaml': secureYaml });
    const cloud = loadCloud('otc', {}, [empty, config1]);
    expect(cloud.file).toBe(path.join(config1, 'clouds.yaml'));
    expect(cloud.auth).toMatchObject({
      username: 'alice',
      password: 'from secure.yaml',
      user_domain_name: 'OTC00000000001000000001',
    });
    expect(cloud.regionName).toBe('eu-de');
  });

  it('honours OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE', () => {
    const a = dir({ 'my-clouds.yml': cloudsYaml });
    const b = dir({ 'my-secure.yml': secureYaml });
    const cloud = loadCloud(
      'otc',
      {
        OS_CLIENT_CONFIG_FILE: path.join(a, 'my-clouds.yml'),
        OS_CLIENT_SECURE_FILE: path.join(b, 'my-secure.yml'),
      },
      [],
    );
    expect(cloud.auth.password).toBe('from secure.yaml');
  });

  it('turns each kind of cloud entry into the matching provider', async () => {
    const where = dir({ 'clouds.yaml': cloudsYaml, 'secure.yaml': secureYaml });
    const password = pick({ OS_CLOUD: 'otc' }, [where]);
    expect(password.kind).toBe('cloud');
    expect(password.description).toBe(
      `IAM password login (clouds.yaml cloud "otc" in ${path.join(where, 'clouds.yaml')}) as user alice (domain OTC00000000001000000001) via IAM at https://iam.eu-de.otc.t-systems.com`,
    );
    expect(password.description).not.toContain('from secure.yaml');

    const aksk = pick({ OS_CLOUD: 'otc-aksk' }, [where]);
    expect(aksk.kind).toBe('cloud');
    expect(aksk.description).toContain('AK/SK request signing');
    expect((await aksk.headersFor(request)).Authorization).toContain('Access=AKEXAMPLE00000009999');

    const token = pick({ OS_CLOUD: 'otc-token' }, [where]);
    expect(await token.headersFor(request)).toEqual({ 'X-Auth-Token': 'cloud-token' });

    expect(() => pick({ OS_CLOUD: 'empty' }, [where])).toThrow(/has no usable credentials/);
    expect(() => pick({ OS_CLOUD: 'missing' }, [where])).toThrow(/has no cloud of that name/);
  });

  it('lets environment credentials win over OS_CLOUD', () => {
    const where = dir({ 'clouds.yaml': cloudsYaml });
    expect(pick({ OS_CLOUD: 'otc-aksk', OS_TOKEN: 'env-token' }, [where]).kind).toBe('token');
  });

  it('says where a broken clouds.yaml is broken without quoting it', () => {
    const where = dir({ 'clouds.yaml': 'clouds:\n  otc:\n    auth: {password: "hunter2\n' });
    const error = thrownBy(() => pick({ OS_CLOUD: 'otc' }, [where]));
    expect(String(error)).toMatch(/is not valid YAML/);
    expect(String(error)).not.toContain('hunter2');
  });
});

describe('a credential variable that is set but empty', () => {
  it.each([
    'OS_TOKEN',
    'OS_AUTH_TOKEN',
    'OS_ACCESS_KEY',
    'OS_SECRET_KEY',
    'OS_USERNAME',
    'OS_PASSWORD',
    'OS_USER_DOMAIN_NAME',
    'OS_AUTH_URL',
    'OS_CLOUD',
  ])('stops the start, naming %s', (name) => {
    const error = thrownBy(() => pick({ [name]: '' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `${name} is set but empty: fill it in, or leave it out of the environment altogether`,
    );
  });

  it('names every empty one, as an unfilled AK/SK secret leaves them, even beside a working token', () => {
    const error = thrownBy(() => pick({ OS_TOKEN: 'tok', OS_ACCESS_KEY: '', OS_SECRET_KEY: ' ' }));
    expect((error as Error).message).toMatch(/^OS_ACCESS_KEY, OS_SECRET_KEY are set but empty/);
  });

  it('takes a password of spaces as a password', () => {
    const provider = pick({ OS_USERNAME: 'u', OS_PASSWORD: '  ', OS_DOMAIN_NAME: 'd' });
    expect(provider.kind).toBe('password');
  });
});
