import { createHash, randomBytes } from 'node:crypto';

/** `YYYY-MM-DD HH:mm:ss` in UTC, the only time format ShowJobDetail documents. */
export function formatSfsTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DDTHH:mm:ssZ`, for scenarios that test readers against ISO 8601. */
export function formatIsoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Keystone writes microseconds (`2026-11-30T05:20:00.000000Z`); clients must cope with that. */
export function formatKeystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The 32-hex shape of the `X-request-id` that SFS Turbo and its gateway send. */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A UUID-shaped ID derived from a seed, so that sub-jobs keep the same IDs from one request
 * to the next (a UI keys its rows on them) and across simulator restarts.
 */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
