import { ConfigError, type Env, type ServerConfig } from '../config/config.ts';
import { catalogueRegion, cloudOfUrl } from '../config/regions.ts';
import { akskSigner } from './aksk.ts';
import { loadCloud, type CloudEntry } from './clouds-yaml.ts';
import type { PasswordIdentity } from './iam-login.ts';
import { passwordLogin } from './iam-password.ts';
import {
  noCredentials,
  staticToken,
  type CredentialHome,
  type CredentialProvider,
} from './provider.ts';

export interface CredentialOptions {
  /** Test hook: where `clouds.yaml` is looked for. */
  searchDirs?: string[];
}

const value = (env: Env, name: string) => env[name]?.trim() || undefined;

/** The variables that make up a credential; each is either filled in or not set at all. */
const CREDENTIAL_VARIABLES = [
  'OS_TOKEN',
  'OS_AUTH_TOKEN',
  'OS_ACCESS_KEY',
  'OS_SECRET_KEY',
  'OS_USERNAME',
  'OS_PASSWORD',
  'OS_USER_DOMAIN_NAME',
  'OS_DOMAIN_NAME',
  'OS_USER_DOMAIN_ID',
  'OS_DOMAIN_ID',
  'OS_AUTH_URL',
  'OS_CLOUD',
] as const;

/**
 * An empty credential variable is an unfilled secret (a Kubernetes Secret or env file with
 * the value left out), not a choice: were it read as unset, the server would run without a
 * credential, or on simulated data, and look healthy.
 */
function refuseEmpty(env: Env): void {
  // A password of spaces is a password; any other value is trimmed before use.
  const empty = CREDENTIAL_VARIABLES.filter(
    (name) => (name === 'OS_PASSWORD' ? env[name] : env[name]?.trim()) === '',
  );
  if (empty.length > 0) {
    throw new ConfigError(
      `${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} set but empty: fill ${empty.length === 1 ? 'it' : 'them'} in, or leave ${empty.length === 1 ? 'it' : 'them'} out of the environment altogether`,
    );
  }
}

function regionIam(config: ServerConfig): (region: string) => string | undefined {
  const byId = new Map(config.regions.map((region) => [region.id, region.iam || undefined]));
  return (region) => byId.get(region);
}

function domainOf(
  fields: Record<string, string | undefined>,
  where: string,
): PasswordIdentity['domain'] {
  const name = fields.user_domain_name ?? fields.domain_name;
  if (name) return { name };
  const id = fields.user_domain_id ?? fields.domain_id;
  if (id) return { id };
  throw new ConfigError(`IAM password login needs the user's domain (account) name: ${where}`);
}

function checkIamReachable(authUrl: string | undefined, config: ServerConfig, where: string): void {
  if (authUrl) {
    try {
      new URL(authUrl);
    } catch {
      throw new ConfigError(`${where} is not a URL`);
    }
    return;
  }
  if (!regionIam(config)(config.defaultRegion)) {
    throw new ConfigError(
      `IAM password login: region ${config.defaultRegion} has no known IAM endpoint, set ${where}`,
    );
  }
}

/**
 * First match wins, in the order the Open Telekom Cloud Terraform provider uses: a ready
 * token, then AK/SK, then IAM password login, then `OS_CLOUD`. Half a credential (a user
 * without a password, an AK without an SK) is a configuration error rather than a silent
 * fall-through, so that the page never says "no credentials" when some were meant.
 */
export function credentialsFromEnv(
  env: Env,
  config: ServerConfig,
  options: CredentialOptions = {},
): CredentialProvider {
  refuseEmpty(env);
  const osToken = value(env, 'OS_TOKEN');
  const authToken = value(env, 'OS_AUTH_TOKEN');
  if (osToken) return staticToken(osToken, 'OS_TOKEN');
  if (authToken) return staticToken(authToken, 'OS_AUTH_TOKEN');

  const cloud = value(env, 'OS_CLOUD');
  const accessKey = value(env, 'OS_ACCESS_KEY');
  const secretKey = value(env, 'OS_SECRET_KEY');
  if (accessKey && secretKey) {
    return akskSigner({ accessKey, secretKey, source: 'OS_ACCESS_KEY/OS_SECRET_KEY' });
  }
  if ((accessKey || secretKey) && !cloud) {
    throw new ConfigError(
      `${accessKey ? 'OS_ACCESS_KEY is set but OS_SECRET_KEY is not' : 'OS_SECRET_KEY is set but OS_ACCESS_KEY is not'}`,
    );
  }

  const username = value(env, 'OS_USERNAME');
  const password = env.OS_PASSWORD || undefined; // passwords may have meaningful spaces
  if (username && password) {
    const authUrl = value(env, 'OS_AUTH_URL');
    checkIamReachable(authUrl, config, 'OS_AUTH_URL');
    const provider = passwordLogin({
      identity: {
        username,
        password,
        domain: domainOf(
          {
            user_domain_name: value(env, 'OS_USER_DOMAIN_NAME'),
            domain_name: value(env, 'OS_DOMAIN_NAME'),
            user_domain_id: value(env, 'OS_USER_DOMAIN_ID'),
            domain_id: value(env, 'OS_DOMAIN_ID'),
          },
          'set OS_USER_DOMAIN_NAME or OS_DOMAIN_NAME',
        ),
      },
      authUrl,
      iamForRegion: regionIam(config),
      timeoutMs: config.upstreamTimeoutMs,
      maxLoginsPerMinute: config.maxLoginsPerMinute,
      source: 'OS_USERNAME/OS_PASSWORD',
    });
    return {
      ...provider,
      home: { cloud: cloudOfUrl(authUrl), region: undefined, source: 'OS_AUTH_URL' },
    };
  }
  if ((username || password) && !cloud) {
    throw new ConfigError(
      username
        ? 'OS_USERNAME is set but OS_PASSWORD is not'
        : 'OS_PASSWORD is set but OS_USERNAME is not',
    );
  }

  if (cloud) return credentialsFromCloud(loadCloud(cloud, env, options.searchDirs), config);
  return noCredentials;
}

/**
 * Where a `clouds.yaml` cloud belongs: its IAM address says which cloud, else its region
 * does; its `region_name` is the region it is meant for.
 */
function cloudHome(cloud: CloudEntry): CredentialHome {
  const region = cloud.regionName;
  return {
    cloud: cloudOfUrl(cloud.auth.auth_url) ?? (region ? catalogueRegion(region)?.cloud : undefined),
    region,
    source: `clouds.yaml cloud "${cloud.name}"`,
  };
}

/** The same precedence inside one `clouds.yaml` entry. */
export function credentialsFromCloud(cloud: CloudEntry, config: ServerConfig): CredentialProvider {
  return { ...providerFromCloud(cloud, config), kind: 'cloud', home: cloudHome(cloud) };
}

function providerFromCloud(cloud: CloudEntry, config: ServerConfig): CredentialProvider {
  const source = `clouds.yaml cloud "${cloud.name}" in ${cloud.file}`;
  const { auth } = cloud;
  if (auth.token) return staticToken(auth.token, source);
  if (cloud.accessKey && cloud.secretKey) {
    return akskSigner({ accessKey: cloud.accessKey, secretKey: cloud.secretKey, source });
  }
  if (auth.username && auth.password) {
    checkIamReachable(auth.auth_url, config, `auth.auth_url in ${source}`);
    return passwordLogin({
      identity: {
        username: auth.username,
        password: auth.password,
        domain: domainOf(auth, `set auth.user_domain_name in ${source}`),
      },
      authUrl: auth.auth_url,
      iamForRegion: regionIam(config),
      timeoutMs: config.upstreamTimeoutMs,
      maxLoginsPerMinute: config.maxLoginsPerMinute,
      source,
    });
  }
  throw new ConfigError(
    `${source} has no usable credentials (auth.token, ak/sk, or auth.username with a password in clouds.yaml or secure.yaml)`,
  );
}
