import { headerValue, requestUpstream, targetOf } from '../net/http-client.ts';
import { CredentialError } from './provider.ts';
import { redact } from './redact.ts';

export interface PasswordIdentity {
  username: string;
  password: string;
  /** The account (IAM domain) the user belongs to: by name, or by ID. */
  domain: { name: string } | { id: string };
}

export interface IssuedToken {
  token: string;
  /** Local clock (ms since epoch) at which the token expires. */
  expiresAt: number;
  /** Local clock when it was issued. */
  issuedAt: number;
}

/** Tokens are valid 24 h; this is only used when IAM omits or garbles `expires_at`. */
const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
const MAX_UNNOTICED_SKEW_MS = 5_000;

/** `.../v3` or the bare host both work; a trailing slash or `/auth/tokens` too. */
export function tokensUrl(authUrl: string): URL {
  const base = authUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/auth\/tokens$/, '');
  const url = new URL(/\/v3$/.test(base) ? `${base}/auth/tokens` : `${base}/v3/auth/tokens`);
  // The service catalogue can be hundreds of kilobytes; the proxy only needs the token.
  url.searchParams.set('nocatalog', 'true');
  return url;
}

// An IAM error code is short and plain ("IAM.0101", "1101"); anything else is not repeated.
const IAM_CODE = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * IAM's error code (Keystone, Huawei IAM or the API gateway in front), if it sent a plain one.
 * The message itself is never repeated: IAM and gateway pages may quote what they were sent.
 */
function iamCode(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const nested =
    typeof record.error === 'object' && record.error !== null
      ? (record.error as Record<string, unknown>)
      : {};
  const code = String(record.error_code ?? nested.code ?? '');
  return IAM_CODE.test(code) ? code : undefined;
}

/**
 * Logs in with a password and a project scope (`POST /v3/auth/tokens`), as the OpenStack
 * clients and the official SDKs do. Error messages summarise what happened (status, IAM's
 * code) and never quote IAM's text: error bodies and gateway pages may echo what they were sent.
 */
export async function loginWithPassword(options: {
  authUrl: string;
  identity: PasswordIdentity;
  projectId: string;
  timeoutMs: number;
  now?: () => number;
}): Promise<IssuedToken> {
  const now = options.now ?? Date.now;
  const { identity } = options;
  const secrets = [identity.password];
  let url: URL;
  try {
    url = tokensUrl(options.authUrl);
  } catch {
    throw new CredentialError('The IAM URL is not a valid URL', 502);
  }
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: identity.username, password: identity.password, domain: identity.domain },
        },
      },
      scope: { project: { id: options.projectId } },
    },
  });
  const where = 'IAM';
  const result = await requestUpstream({
    target: targetOf(url),
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=utf8', Accept: 'application/json' },
    body,
    timeoutMs: options.timeoutMs,
    maxBytes: 1024 * 1024,
  });
  if (!result.ok) {
    const status = result.reason === 'timeout' ? 504 : 502;
    throw new CredentialError(
      `${where} ${result.reason === 'timeout' ? 'did not answer in time' : 'could not be reached'} (${redact(result.detail, secrets)})`,
      status,
    );
  }
  if (result.status !== 201 && result.status !== 200) {
    const code = iamCode(result.body);
    const detail = `HTTP ${result.status}${code ? `, IAM code ${code}` : ''}`;
    if (result.status === 400 || result.status === 401 || result.status === 403) {
      throw new CredentialError(
        `${where} refused the login for project ${options.projectId} (${detail})`,
        401,
      );
    }
    throw new CredentialError(`${where} failed to issue a token (${detail})`, 502);
  }
  const token = headerValue(result.headers['x-subject-token'])?.trim();
  if (!token) throw new CredentialError(`${where} answered without an X-Subject-Token header`, 502);

  // When the local clock is off (by more than the Date header's one-second resolution can
  // explain), the expiry is moved onto the local clock, so that the token is neither renewed
  // too late nor thrown away early.
  const issuedAt = now();
  let expiresAt = issuedAt + FALLBACK_LIFETIME_MS;
  try {
    const parsed = JSON.parse(result.body.toString('utf8')) as { token?: { expires_at?: unknown } };
    const remoteExpiry = Date.parse(String(parsed.token?.expires_at ?? ''));
    const remoteNow = Date.parse(headerValue(result.headers.date) ?? '');
    if (Number.isFinite(remoteExpiry)) {
      const skew = Number.isFinite(remoteNow) ? remoteNow - issuedAt : 0;
      expiresAt =
        Math.abs(skew) > MAX_UNNOTICED_SKEW_MS ? remoteExpiry - skew - 1000 : remoteExpiry;
    }
  } catch {
    // A token without a readable expiry still works; the fallback lifetime applies.
  }
  return { token, expiresAt, issuedAt };
}
