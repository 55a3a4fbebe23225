import { resolve } from 'node:path';
import { ConfigError, isLoopbackHost } from './config.ts';
import type { Env, Read, VariableName } from './variables.ts';
import { reader } from './variables.ts';

/** Where the server keeps what it remembers (server/store/). */
export type StoreSettings =
  | { engine: 'sqlite'; /** Absolute path of `SFS_TURBO_DATA_DIR`. */ dataDir: string }
  | { engine: 'postgres'; /** `DATABASE_URL`, a secret: never logged or shown. */ url: string };

export type TargetKind = 'slack' | 'teams' | 'webhook';

/** One named destination of `NOTIFY_TARGETS`. The URL is a secret: only `name` leaves the server. */
export interface NotifyTarget {
  name: string;
  kind: TargetKind;
  url: URL;
}

export interface MemoryConfig {
  store: StoreSettings;
  /** `SFS_TURBO_HISTORY_DAYS`: observations older than this are deleted. */
  historyDays: number;
  /** `NOTIFY_TARGETS`, in the order given; empty: watches are off. */
  targets: NotifyTarget[];
  /** `NOTIFY_WEBHOOK_SECRET`: signs `webhook` destinations' bodies. */
  webhookSecret: string | undefined;
}

const TARGET_NAME = /^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$/;
const KINDS: readonly TargetKind[] = ['slack', 'teams', 'webhook'];

function storeSettings(read: Read): StoreSettings {
  const url = (read('DATABASE_URL') ?? '').trim();
  if (url !== '') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // The value itself is not quoted: it may hold a password.
      throw new ConfigError(
        'DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)',
      );
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new ConfigError(
        `DATABASE_URL must be a postgres:// or postgresql:// URL, got "${parsed.protocol}"`,
      );
    }
    return { engine: 'postgres', url };
  }
  const dir = (read('SFS_TURBO_DATA_DIR') ?? '').trim();
  return { engine: 'sqlite', dataDir: resolve(dir === '' ? 'data' : dir) };
}

function historyDays(read: Read): number {
  const raw = (read('SFS_TURBO_HISTORY_DAYS') ?? '').trim();
  if (raw === '') return 90;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ConfigError(
      `SFS_TURBO_HISTORY_DAYS must be a whole number of days from 1 to 3650, got "${raw}"`,
    );
  }
  return days;
}

/**
 * `name=kind:url,…`. Messages name the destination and never quote its address: a webhook
 * URL is the credential that lets anyone post to the channel.
 */
export function parseTargets(
  raw: string | undefined,
  name: VariableName = 'NOTIFY_TARGETS',
): NotifyTarget[] {
  const targets: NotifyTarget[] = [];
  for (const [index, entry] of (raw ?? '').split(',').entries()) {
    const item = entry.trim();
    if (item === '') continue;
    const equals = item.indexOf('=');
    const label = equals < 0 ? `entry ${index + 1}` : `"${item.slice(0, equals).trim()}"`;
    if (equals < 0) throw new ConfigError(`${name}: ${label} is not name=kind:url`);
    const targetName = item.slice(0, equals).trim();
    if (!TARGET_NAME.test(targetName)) {
      throw new ConfigError(
        `${name}: the name ${label} must be 1 to 40 lower-case letters, digits, "-" or "_"`,
      );
    }
    if (targets.some((target) => target.name === targetName)) {
      throw new ConfigError(`${name}: the name ${label} is given twice`);
    }
    const rest = item.slice(equals + 1).trim();
    const colon = rest.indexOf(':');
    const kind = rest.slice(0, colon) as TargetKind;
    if (colon < 0 || !KINDS.includes(kind)) {
      throw new ConfigError(`${name}: ${label} needs a kind, one of slack:, teams: or webhook:`);
    }
    let url: URL;
    try {
      url = new URL(rest.slice(colon + 1));
    } catch {
      throw new ConfigError(`${name}: the address of ${label} is not a URL`);
    }
    const loopback =
      url.protocol === 'http:' && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''));
    if (url.protocol !== 'https:' && !loopback) {
      throw new ConfigError(
        `${name}: the address of ${label} must be https (http only to a loopback address, for tests)`,
      );
    }
    if (url.username || url.password) {
      throw new ConfigError(`${name}: the address of ${label} must not hold a user or password`);
    }
    targets.push({ name: targetName, kind, url });
  }
  return targets;
}

export function loadMemoryConfig(env: Env): MemoryConfig {
  const read = reader(env);
  const targets = parseTargets(read('NOTIFY_TARGETS'));
  const secret = read('NOTIFY_WEBHOOK_SECRET') || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET must be at least 32 characters long');
  }
  if (secret === undefined && targets.some((target) => target.kind === 'webhook')) {
    throw new ConfigError(
      'NOTIFY_TARGETS names a webhook: destination, and NOTIFY_WEBHOOK_SECRET is unset: set a key of at least 32 characters, so that the receiver can tell our messages from forged ones',
    );
  }
  return {
    store: storeSettings(read),
    historyDays: historyDays(read),
    targets,
    webhookSecret: secret,
  };
}
