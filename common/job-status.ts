/**
 * What a job's status word means, read the same by the page and by the server's watches:
 * the documented words (`success`, `failed`, `waiting`, `running`) and the forms sibling
 * Huawei task APIs use (`FAIL`, `INIT`, `DOING`), in any case. Anything else is `unknown`.
 */

export type StatusKind = 'success' | 'failed' | 'waiting' | 'running' | 'unknown';

const ALIASES: Readonly<Record<string, StatusKind>> = {
  success: 'success',
  failed: 'failed',
  fail: 'failed',
  waiting: 'waiting',
  init: 'waiting',
  running: 'running',
  doing: 'running',
};

export function statusKind(raw: unknown): StatusKind {
  if (typeof raw !== 'string') return 'unknown';
  const key = raw.trim().toLowerCase();
  // Own keys only: "constructor" or "__proto__" from the wire must not reach Object.prototype.
  return Object.hasOwn(ALIASES, key) ? (ALIASES[key] ?? 'unknown') : 'unknown';
}

/** A finished job: its status will not change again. */
export function isFinal(kind: StatusKind): boolean {
  return kind === 'success' || kind === 'failed';
}
