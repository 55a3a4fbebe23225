export type StatusKind = 'success' | 'failed' | 'waiting' | 'running' | 'unknown';

// Sibling Huawei task APIs use FAIL, INIT and DOING; matching is case-insensitive.
const ALIASES: Record<string, StatusKind> = {
  success: 'success',
  failed: 'failed',
  fail: 'failed',
  waiting: 'waiting',
  init: 'waiting',
  running: 'running',
  doing: 'running',
};

export function statusKind(raw: string | undefined): StatusKind {
  if (raw === undefined) return 'unknown';
  const key = raw.trim().toLowerCase();
  // Own keys only: "constructor" or "__proto__" from the wire must not reach Object.prototype.
  return Object.hasOwn(ALIASES, key) ? (ALIASES[key] ?? 'unknown') : 'unknown';
}

export function isFinal(kind: StatusKind): boolean {
  return kind === 'success' || kind === 'failed';
}

export const STATUS_LABEL: Record<StatusKind, string> = {
  success: 'Succeeded',
  failed: 'Failed',
  waiting: 'Waiting',
  running: 'Running',
  unknown: 'Unknown status',
};
