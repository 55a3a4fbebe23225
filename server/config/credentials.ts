import type { CloudKind } from '../../common/contract.ts';
import { loadCloud, type CloudEntry } from './clouds-yaml.ts';
import { ConfigError, type ServerConfig } from './config.ts';
import { catalogueRegion, cloudOfUrl } from './regions.ts';
import { reader, type Env, type Read, type VariableName } from './variables.ts';

/** Where a credential belongs, as far as its configuration says. */
export interface CredentialHome {
  /** The cloud its IAM address (or its `clouds.yaml` region) belongs to, when known. */
  cloud: CloudKind | undefined;
  /** The region its configuration names (`clouds.yaml` `region_name`), if any. */
  region: string | undefined;
  /** Where it was configured, for error messages ("clouds.yaml cloud \"otc\""). */
  source: string;
}

/** The account (IAM domain) a password user belongs to: by name, or by ID. */
export type CredentialDomain = { name: string } | { id: string };

/** How requests are authenticated; `source` says where it was configured, never a secret. */
export type CredentialMechanism =
  | { type: 'token'; token: string; source: string }
  | { type: 'aksk'; accessKey: string; secretKey: string; source: string }
  | {
      type: 'password';
      identity: { username: string; password: string; domain: CredentialDomain };
      /** Undefined: each region's own IAM endpoint. */
      authUrl: string | undefined;
      source: string;
    };

/**
 * The configured credential, read and checked at start: plain settings, nothing running.
 * The proxy runtime makes the provider (token cache, login budget) from it.
 */
export type CredentialSettings =
  | { kind: 'none' }
  | {
      kind: 'token' | 'aksk' | 'password' | 'cloud';
      mechanism: CredentialMechanism;
      home: CredentialHome | undefined;
    };

export interface CredentialOptions {
  /** Test hook: where `clouds.yaml` is looked for. */
  searchDirs?: string[];
}

const value = (read: Read, name: VariableName) => read(name)?.trim() || undefined;

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
] as const satisfies readonly VariableName[];

/**
 * An empty credential variable is an unfilled secret (a Kubernetes Secret or env file with
 * the value left out), not a choice: were it read as unset, the server would run without a
 * credential, or on simulated data, and look healthy.
 */
function refuseEmpty(read: Read): void {
  // A password of spaces is a password; any other value is trimmed before use.
  const empty = CREDENTIAL_VARIABLES.filter(
    (name) => (name === 'OS_PASSWORD' ? read(name) : read(name)?.trim()) === '',
  );
  if (empty.length > 0) {
    throw new ConfigError(
      `${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} set but empty: fill ${empty.length === 1 ? 'it' : 'them'} in, or leave ${empty.length === 1 ? 'it' : 'them'} out of the environment altogether`,
    );
  }
}

function domainOf(fields: Record<string, string | undefined>, where: string): CredentialDomain {
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
  if (!config.regions.find((region) => region.id === config.defaultRegion)?.iam) {
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
export function loadCredentials(
  env: Env,
  config: ServerConfig,
  options: CredentialOptions = {},
): CredentialSettings {
  const read = reader(env);
  refuseEmpty(read);
  const osToken = value(read, 'OS_TOKEN');
  const authToken = value(read, 'OS_AUTH_TOKEN');
  const token = (token: string, source: string): CredentialSettings => ({
    kind: 'token',
    mechanism: { type: 'token', token, source },
    home: undefined,
  });
  if (osToken) return token(osToken, 'OS_TOKEN');
  if (authToken) return token(authToken, 'OS_AUTH_TOKEN');

  const cloud = value(read, 'OS_CLOUD');
  const accessKey = value(read, 'OS_ACCESS_KEY');
  const secretKey = value(read, 'OS_SECRET_KEY');
  if (accessKey && secretKey) {
    return {
      kind: 'aksk',
      mechanism: { type: 'aksk', accessKey, secretKey, source: 'OS_ACCESS_KEY/OS_SECRET_KEY' },
      home: undefined,
    };
  }
  if ((accessKey || secretKey) && !cloud) {
    throw new ConfigError(
      `${accessKey ? 'OS_ACCESS_KEY is set but OS_SECRET_KEY is not' : 'OS_SECRET_KEY is set but OS_ACCESS_KEY is not'}`,
    );
  }

  const username = value(read, 'OS_USERNAME');
  const password = read('OS_PASSWORD') || undefined; // passwords may have meaningful spaces
  if (username && password) {
    const authUrl = value(read, 'OS_AUTH_URL');
    checkIamReachable(authUrl, config, 'OS_AUTH_URL');
    return {
      kind: 'password',
      mechanism: {
        type: 'password',
        identity: {
          username,
          password,
          domain: domainOf(
            {
              user_domain_name: value(read, 'OS_USER_DOMAIN_NAME'),
              domain_name: value(read, 'OS_DOMAIN_NAME'),
              user_domain_id: value(read, 'OS_USER_DOMAIN_ID'),
              domain_id: value(read, 'OS_DOMAIN_ID'),
            },
            'set OS_USER_DOMAIN_NAME or OS_DOMAIN_NAME',
          ),
        },
        authUrl,
        source: 'OS_USERNAME/OS_PASSWORD',
      },
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

  if (cloud) return cloudCredentials(loadCloud(cloud, env, options.searchDirs), config);
  return { kind: 'none' };
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
export function cloudCredentials(cloud: CloudEntry, config: ServerConfig): CredentialSettings {
  return { kind: 'cloud', mechanism: cloudMechanism(cloud, config), home: cloudHome(cloud) };
}

function cloudMechanism(cloud: CloudEntry, config: ServerConfig): CredentialMechanism {
  const source = `clouds.yaml cloud "${cloud.name}" in ${cloud.file}`;
  const { auth } = cloud;
  if (auth.token) return { type: 'token', token: auth.token, source };
  if (cloud.accessKey && cloud.secretKey) {
    return { type: 'aksk', accessKey: cloud.accessKey, secretKey: cloud.secretKey, source };
  }
  if (auth.username && auth.password) {
    checkIamReachable(auth.auth_url, config, `auth.auth_url in ${source}`);
    return {
      type: 'password',
      identity: {
        username: auth.username,
        password: auth.password,
        domain: domainOf(auth, `set auth.user_domain_name in ${source}`),
      },
      authUrl: auth.auth_url,
      source,
    };
  }
  throw new ConfigError(
    `${source} has no usable credentials (auth.token, ak/sk, or auth.username with a password in clouds.yaml or secure.yaml)`,
  );
}
