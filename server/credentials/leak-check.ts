/**
 * Knows the secrets of one request (what the server holds and what it just sent) in every
 * form an upstream could echo them in, and says whether a header, a body or a log field holds
 * one. Whatever holds one is dropped or refused by the caller, never patched: a patched value
 * still says where the secret was and may hold it in a form nobody thought of.
 *
 * Forms: the plain text and its JSON-escaped text (with and without `\/`), and each of those
 * percent-encoded (component and URI style, upper and lower case hex, `+` for space) and in
 * base64 and base64url at each of the three byte alignments, so that a secret inside a longer
 * base64 text (a `Basic` header, an echoed header dump) is found too.
 */

/** Shorter values are not looked for: they would match ordinary text (and no IAM allows them). */
export const MIN_SECRET_LENGTH = 6;

const BASE64_ALIGNMENTS = [0, 1, 2] as const;

/**
 * The characters of base64(prefix + secret + suffix) that depend on the secret alone, for a
 * prefix of `offset` bytes (any prefix length is one of three alignments modulo 3).
 */
function base64Core(bytes: Buffer, offset: number, url: boolean): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(url ? 'base64url' : 'base64');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return encoded.slice(first, end);
}

function percentForms(encoded: string): string[] {
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [encoded, lower, encoded.replace(/%20/g, '+'), lower.replace(/%20/g, '+')];
}

/** Every form of one secret that is looked for (deduplicated, longest first). */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  // The plain texts an echo may hold, then each of them percent-encoded or in base64.
  const texts = [...new Set([secret, json, json.replace(/\//g, '\\/')])];
  const percent = texts.flatMap((text) => [
    ...percentForms(encodeURIComponent(text)),
    ...percentForms(encodeURI(text)),
  ]);
  const base64 = texts.flatMap((text) => {
    const bytes = Buffer.from(text, 'utf8');
    return BASE64_ALIGNMENTS.flatMap((offset) => [
      base64Core(bytes, offset, false),
      base64Core(bytes, offset, true),
    ]);
  });
  return [...new Set([...texts, ...percent, ...base64])]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

// Tokens are looked for on every poll; their forms are worked out once per value.
const FORMS_CACHE_SIZE = 256;
const formsCache = new Map<string, readonly string[]>();

function cachedForms(secret: string): readonly string[] {
  let forms = formsCache.get(secret);
  if (!forms) {
    forms = secretForms(secret);
    if (formsCache.size >= FORMS_CACHE_SIZE) {
      const oldest = formsCache.keys().next().value;
      if (oldest !== undefined) formsCache.delete(oldest);
    }
    formsCache.set(secret, forms);
  }
  return forms;
}

export interface LeakCheck {
  /** Whether the value holds any form of any secret. */
  holdsSecret(value: string | Buffer): boolean;
  /** The same check with more secrets (those a request sent). */
  with(secrets: Iterable<string>): LeakCheck;
}

export function leakCheck(secrets: Iterable<string>): LeakCheck {
  const values = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const forms = values.flatMap((secret) => cachedForms(secret));
  return {
    holdsSecret: (value) => {
      if (forms.length === 0 || value.length < MIN_SECRET_LENGTH) return false;
      // Decoded once: Buffer.includes(string) would encode each (kilobyte-long) form per call.
      // A secret's bytes are valid UTF-8, so they decode unchanged whatever surrounds them.
      const text = typeof value === 'string' ? value : value.toString('utf8');
      return forms.some((form) => form.length <= text.length && text.includes(form));
    },
    with: (more) => leakCheck([...values, ...more]),
  };
}

export const NO_SECRETS: LeakCheck = leakCheck([]);

const SIGNATURE = /Signature=([^,\s]+)/;

/** The secret parts of the credential headers a provider added to one upstream request. */
export function sentSecrets(headers: Readonly<Record<string, string>>): string[] {
  const sent: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-auth-token') sent.push(value);
    if (lower === 'authorization') {
      sent.push(value);
      const signature = SIGNATURE.exec(value)?.[1];
      if (signature) sent.push(signature);
    }
  }
  return sent;
}
