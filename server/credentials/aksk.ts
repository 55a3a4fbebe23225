import { createHash, createHmac } from 'node:crypto';
import type { CredentialProvider } from './provider.ts';

/**
 * Huawei Cloud / Open Telekom Cloud API-gateway request signing, `SDK-HMAC-SHA256`, as the
 * official signing SDKs implement it (see ../shared/api/FACTS.md):
 *
 *   canonical request = method \n canonical URI \n canonical query \n canonical headers \n
 *                       signed header list \n hex(SHA-256(body))
 *   string to sign    = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(SHA-256(canonical request))
 *   Authorization     = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=" +
 *                       hex(HMAC-SHA256(SK, string to sign))
 */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers to sign (any case); all of them are signed. */
  headers: Record<string, string>;
  body?: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** RFC 3986 percent-encoding: everything but unreserved characters, as the SDKs do. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Each path segment decoded then re-encoded, and always a trailing slash. */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => encodeRfc3986(decodeSafely(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** Parameters sorted by name, then value, each side encoded. */
export function canonicalQuery(search: URLSearchParams): string {
  return [...search.entries()]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

// Code-unit order, like the SDKs' sort; localeCompare would depend on the machine's locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function canonicalRequest(request: RequestToSign): { text: string; signedHeaders: string } {
  const lower = Object.entries(request.headers).map(
    ([name, value]) => [name.toLowerCase(), value.trim()] as const,
  );
  lower.sort(([a], [b]) => compare(a, b));
  const signedHeaders = lower.map(([name]) => name).join(';');
  const text = [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    lower.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body ?? ''),
  ].join('\n');
  return { text, signedHeaders };
}

export function stringToSign(canonical: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign, 'utf8').digest('hex');
}

/**
 * The headers an SFS Turbo GET needs under AK/SK: `Host`, `X-Sdk-Date`, `X-Project-Id` (the
 * project-level services want it with AK/SK, as the official v3 SDKs send it) and
 * `Authorization`. `Content-Type` stays unsigned, as in the official v3 SDKs.
 */
export function signedHeadersFor(options: {
  method: string;
  url: URL;
  projectId: string;
  accessKey: string;
  secretKey: string;
  now: Date;
}): Record<string, string> {
  const headers: Record<string, string> = {
    Host: options.url.host,
    'X-Sdk-Date': sdkDate(options.now),
    'X-Project-Id': options.projectId,
  };
  const { text, signedHeaders } = canonicalRequest({
    method: options.method,
    url: options.url,
    headers,
  });
  const sig = signature(options.secretKey, stringToSign(text, headers['X-Sdk-Date'] ?? ''));
  return {
    ...headers,
    Authorization: `${SIGNING_ALGORITHM} Access=${options.accessKey}, SignedHeaders=${signedHeaders}, Signature=${sig}`,
  };
}

/** Shows enough of an access key to tell two apart; access keys are IDs, not secrets. */
export function maskAccessKey(accessKey: string): string {
  return accessKey.length >= 12 ? `…${accessKey.slice(-4)}` : '…';
}

export function akskSigner(options: {
  accessKey: string;
  secretKey: string;
  source: string;
  now?: () => Date;
}): CredentialProvider {
  const now = options.now ?? (() => new Date());
  return {
    kind: 'aksk',
    description: `AK/SK request signing from ${options.source} (access key ${maskAccessKey(options.accessKey)})`,
    // The access key is an ID, but it names the account: it is not passed back either.
    secrets: [options.accessKey, options.secretKey],
    headersFor: (request) =>
      Promise.resolve(
        signedHeadersFor({
          method: request.method,
          url: request.url,
          projectId: request.projectId,
          accessKey: options.accessKey,
          secretKey: options.secretKey,
          now: now(),
        }),
      ),
    // A signature is made fresh for every request; a 401 means the keys are wrong, and
    // signing again would not change that.
    invalidate: () => false,
  };
}
