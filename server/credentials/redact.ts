/**
 * Removes secrets from text that is about to be shown or logged (mostly error bodies from
 * IAM, which may echo parts of the request). Each secret is removed in the forms it could
 * take inside a JSON string or a URL, and long opaque runs (tokens, signatures) go too,
 * even ones this process never held.
 */
const OPAQUE_RUN = /[A-Za-z0-9+/=_-]{40,}/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export const REDACTED = '[redacted]';

function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, json, encodeURIComponent(secret)])].filter((form) => form.length > 0);
}

export function redact(text: string, secrets: readonly string[], maxLength = 200): string {
  let result = text.replace(CONTROL, ' ');
  // Longest first, so that a secret containing another is removed whole.
  const all = secrets.flatMap(forms).sort((a, b) => b.length - a.length);
  for (const form of all) result = result.split(form).join(REDACTED);
  result = result.replace(OPAQUE_RUN, REDACTED).trim();
  return result.length > maxLength ? `${result.slice(0, maxLength - 1)}…` : result;
}
