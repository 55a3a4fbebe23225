/**
 * Every environment variable the server reads, with what it means and its default: the one
 * list the loaders read through (`reader`), and the source of the table in
 * docs/configuration.md#every-variable (`variables.test.ts` keeps the two equal).
 */
export interface Variable {
  /** The section of docs/configuration.md that explains it. */
  section: string;
  meaning: string;
  default: string;
}

export const VARIABLES = {
  HOST: {
    section: 'Host settings',
    meaning: 'address `npm start` / `npm run dev` listen on',
    default: '`127.0.0.1`',
  },
  PORT: { section: 'Host settings', meaning: 'port', default: '`5173`' },
  SFS_TURBO_ALLOWED_HOSTS: {
    section: 'Host settings',
    meaning: 'comma-separated host names accepted in the `Host` header',
    default: 'none',
  },
  BASE_PATH: {
    section: 'Host settings',
    meaning: 'sub-path the whole app is served under, set at run time (no rebuild)',
    default: '`/`',
  },
  PUBLIC_URL: {
    section: 'Host settings',
    meaning: 'the address users reach the dashboard at; copied links and summaries use it',
    default: "the browser's address",
  },
  TRUSTED_PROXIES: {
    section: 'Host settings',
    meaning:
      'IPs/CIDRs whose `X-Forwarded-*` (and identity headers) are believed; set but empty: nobody, not even loopback',
    default: 'unset: `127.0.0.0/8,::1/128`',
  },
  SFS_TURBO_DIST: {
    section: 'Host settings',
    meaning: 'the built app `npm start` serves (relative to the working directory)',
    default: '`dist`',
  },
  SERVE_SOURCE_MAPS: {
    section: 'Host settings',
    meaning:
      "`1`: serve the build's `*.js.map` and name each in a `SourceMap` header; otherwise they are 404",
    default: '`0`',
  },
  SFS_TURBO_SIMULATOR: {
    section: 'Where requests go',
    meaning:
      "`1`: the upstream is a simulator (the embedded one, or `SFS_TURBO_ENDPOINT`'s); `0`: never",
    default:
      'unset: the embedded one when nothing else is configured and `HOST` is a loopback address',
  },
  SFS_TURBO_SIMULATOR_PORT: {
    section: 'Where requests go',
    meaning: 'fixed loopback port for the embedded simulator (tests use it)',
    default: 'a free port',
  },
  SFS_TURBO_ENDPOINT: {
    section: 'Where requests go',
    meaning: 'one upstream base URL for every region (private endpoint, test double)',
    default: "unset: each region's endpoint",
  },
  SFS_TURBO_REGION: {
    section: 'Where the credential may go',
    meaning: 'the default region',
    default:
      "the first of `SFS_TURBO_REGIONS`, or the `clouds.yaml` cloud's `region_name`, or `eu-de`",
  },
  SFS_TURBO_REGIONS: {
    section: 'Where the credential may go',
    meaning: 'the regions the configured credential may be used in (comma list)',
    default: "the default region (`SFS_TURBO_REGION`, or the `clouds.yaml` cloud's `region_name`)",
  },
  OS_AUTH_MAX_LOGINS_PER_MIN: {
    section: 'Where the credential may go',
    meaning:
      'IAM password logins for new projects the server may make in a minute, all users together; one user (or address) may take a third',
    default: '`10`',
  },
  OS_TOKEN: { section: 'Credentials', meaning: 'a ready IAM token', default: 'unset' },
  OS_AUTH_TOKEN: {
    section: 'Credentials',
    meaning: 'a ready IAM token, when `OS_TOKEN` is not set',
    default: 'unset',
  },
  OS_ACCESS_KEY: {
    section: 'Credentials',
    meaning: 'access key for AK/SK request signing (with `OS_SECRET_KEY`)',
    default: 'unset',
  },
  OS_SECRET_KEY: {
    section: 'Credentials',
    meaning: 'secret key for AK/SK request signing (with `OS_ACCESS_KEY`)',
    default: 'unset',
  },
  OS_USERNAME: {
    section: 'Credentials',
    meaning: 'IAM user for password login (with `OS_PASSWORD` and a domain)',
    default: 'unset',
  },
  OS_PASSWORD: {
    section: 'Credentials',
    meaning: "the IAM user's password (taken as given: spaces count)",
    default: 'unset',
  },
  OS_USER_DOMAIN_NAME: {
    section: 'Credentials',
    meaning: "the IAM user's domain (account) name",
    default: 'unset',
  },
  OS_DOMAIN_NAME: {
    section: 'Credentials',
    meaning: 'the domain name, when `OS_USER_DOMAIN_NAME` is not set',
    default: 'unset',
  },
  OS_USER_DOMAIN_ID: {
    section: 'Credentials',
    meaning: "the IAM user's domain ID, when no domain name is set",
    default: 'unset',
  },
  OS_DOMAIN_ID: {
    section: 'Credentials',
    meaning: 'the domain ID, when `OS_USER_DOMAIN_ID` is not set',
    default: 'unset',
  },
  OS_AUTH_URL: {
    section: 'Credentials',
    meaning: 'the IAM endpoint for password login',
    default: "the default region's IAM endpoint",
  },
  OS_CLOUD: {
    section: 'Credentials',
    meaning: 'a cloud from `clouds.yaml` (+ `secure.yaml`)',
    default: 'unset',
  },
  OS_CLIENT_CONFIG_FILE: {
    section: 'Credentials',
    meaning: 'the `clouds.yaml` file, instead of searching for it',
    default: 'the first `clouds.yaml` in `.`, `$XDG_CONFIG_HOME/openstack`, `/etc/openstack`',
  },
  OS_CLIENT_SECURE_FILE: {
    section: 'Credentials',
    meaning: 'the `secure.yaml` file, instead of searching for it',
    default: "the first `secure.yaml` beside `clouds.yaml` or in `clouds.yaml`'s search path",
  },
  XDG_CONFIG_HOME: {
    section: 'Credentials',
    meaning: '`clouds.yaml` is looked for in its `openstack` folder',
    default: '`$HOME/.config`',
  },
  HOME: {
    section: 'Credentials',
    meaning: 'home of `.config`, when `XDG_CONFIG_HOME` is not set',
    default: "the user's home directory",
  },
  SFS_TURBO_TIMEOUT_MS: {
    section: 'Timeouts and limits',
    meaning: 'the whole upstream exchange (connect, headers, body); also the IAM login',
    default: '`15000`',
  },
  SFS_TURBO_CACHE_MS: {
    section: 'Timeouts and limits',
    meaning: 'how long one upstream answer serves identical requests',
    default: '`1000`',
  },
  RATE_LIMIT_UPSTREAM_PER_MIN: {
    section: 'Timeouts and limits',
    meaning:
      'upstream calls one user (or one client address without sign-in) may cause per minute; coalesced answers do not count',
    default: '`300`',
  },
  AUTH_MODE: {
    section: 'Sign-in identity',
    meaning:
      'sign-in: `none`, `header` (SSO proxy in front) or `oidc` (built-in); unset on a non-loopback `HOST` stops the server at start',
    default: '`none` on loopback',
  },
  AUTH_ALLOWED_USERS: {
    section: 'Sign-in identity',
    meaning:
      'who may use the dashboard (comma list); with `AUTH_ALLOWED_GROUPS` empty too: every signed-in user',
    default: 'empty',
  },
  AUTH_ALLOWED_GROUPS: {
    section: 'Sign-in identity',
    meaning: 'groups whose members may use the dashboard (comma list)',
    default: 'empty',
  },
  AUTH_USER_HEADER: {
    section: 'Sign-in identity',
    meaning:
      'identity header naming the user in `header` mode, believed only from `TRUSTED_PROXIES`',
    default: '`X-Forwarded-User`',
  },
  AUTH_GROUPS_HEADER: {
    section: 'Sign-in identity',
    meaning: "identity header listing the user's groups in `header` mode",
    default: '`X-Forwarded-Groups`',
  },
  AUTH_LOGOUT_URL: {
    section: 'Sign-in identity',
    meaning: '`header` mode: where "Sign out" in the page header goes (a path or https:// URL)',
    default: 'no sign-out link',
  },
  OIDC_ISSUER_URL: {
    section: 'Sign-in identity',
    meaning: "the provider's issuer (https; http only on a loopback address)",
    default: 'required in `oidc`',
  },
  OIDC_CLIENT_ID: {
    section: 'Sign-in identity',
    meaning: "the dashboard's client at the provider",
    default: 'required in `oidc`',
  },
  OIDC_CLIENT_SECRET: {
    section: 'Sign-in identity',
    meaning: "the client's secret (none: a public client with PKCE)",
    default: 'unset',
  },
  OIDC_SCOPES: {
    section: 'Sign-in identity',
    meaning: 'scopes asked for (must include `openid`)',
    default: '`openid email profile`',
  },
  OIDC_USER_CLAIM: {
    section: 'Sign-in identity',
    meaning:
      'the claim that names the user (shown, logged, matched by `AUTH_ALLOWED_USERS`); display names (`name`, `nickname`, …) are refused at start; `email` only when `email_verified` is true',
    default: '`email` when verified, else `sub`',
  },
  OIDC_GROUPS_CLAIM: {
    section: 'Sign-in identity',
    meaning: "claim that lists the user's groups (ID token, else userinfo)",
    default: '`groups`',
  },
  SESSION_SECRET: {
    section: 'Sign-in identity',
    meaning:
      'key of the session cookie, at least 32 characters (`openssl rand -base64 48`); the same on every replica',
    default: 'required in `oidc`',
  },
  SESSION_MAX_AGE: {
    section: 'Sign-in identity',
    meaning: 'session lifetime: seconds, or `10h`, `90m`, `1d`',
    default: '`10h` (a working day)',
  },
  METRICS_TOKEN: {
    section: 'Sign-in identity',
    meaning:
      'with sign-in on, `/metrics` needs `Authorization: Bearer <token>` (at least 16 characters); unset: `/metrics` is 404',
    default: 'unset',
  },
  SFS_TURBO_DATA_DIR: {
    section: 'Memory',
    meaning:
      'directory of the embedded store (history, watches, notifications sent), created on first start; unused with `DATABASE_URL`',
    default: '`./data`',
  },
  DATABASE_URL: {
    section: 'Memory',
    meaning:
      '`postgres://…` PostgreSQL shared by several replicas, instead of the embedded store (needed for more than one replica)',
    default: 'unset',
  },
  SFS_TURBO_HISTORY_DAYS: {
    section: 'Memory',
    meaning: 'days an observed change of a job is kept (whole days, 1–3650)',
    default: '`90`',
  },
  NOTIFY_TARGETS: {
    section: 'Memory',
    meaning:
      'named destinations for watches, `name=kind:url` comma list, kind `slack`, `teams` or `webhook`; the addresses are secrets, users see the names only',
    default: 'unset: watching and notifying are off',
  },
  NOTIFY_WEBHOOK_SECRET: {
    section: 'Memory',
    meaning:
      "HMAC-SHA256 key (at least 32 characters) signing every `webhook` destination's body (`X-Sfs-Turbo-Signature`)",
    default: 'unset (required with a `webhook` destination)',
  },
} as const satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** The process environment, or a test's stand-in for it. Only `server/config/` reads one. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads one registered variable: a name that is not in `VARIABLES` does not compile. */
export type Read = (name: VariableName) => string | undefined;

export function reader(env: Env): Read {
  return (name) => env[name];
}
