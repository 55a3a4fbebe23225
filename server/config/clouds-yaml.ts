import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from './config.ts';
import { reader, type Env } from './variables.ts';

/** One cloud from `clouds.yaml`, with `secure.yaml` merged over it. */
export interface CloudEntry {
  name: string;
  /** The clouds.yaml it came from (secure.yaml is named only in errors). */
  file: string;
  auth: Record<string, string>;
  authType: string | undefined;
  regionName: string | undefined;
  /** otcextensions keeps AK/SK beside `auth` (`ak`/`sk`); some keep them inside it. */
  accessKey: string | undefined;
  secretKey: string | undefined;
}

/** Where python-openstackclient and openstacksdk look, in their order. */
export function defaultSearchDirs(env: Env): string[] {
  const read = reader(env);
  const configHome = read('XDG_CONFIG_HOME') || path.join(read('HOME') || homedir(), '.config');
  return [process.cwd(), path.join(configHome, 'openstack'), '/etc/openstack'];
}

function firstExisting(dirs: readonly string[], base: string): string | undefined {
  for (const dir of dirs) {
    for (const ext of ['yaml', 'yml']) {
      const file = path.join(dir, `${base}.${ext}`);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

function readYaml(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // The YAML parser quotes the offending line, which may hold a password: say where only.
    const where = error instanceof Error && 'linePos' in error ? ` near line ${lineOf(error)}` : '';
    throw new ConfigError(`${file} is not valid YAML${where}`);
  }
  return isRecord(parsed) ? parsed : {};
}

function lineOf(error: Error): string {
  const pos = (error as { linePos?: Array<{ line: number }> }).linePos;
  return pos?.[0] ? String(pos[0].line) : '?';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cloudIn(
  document: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const clouds = document.clouds;
  if (!isRecord(clouds)) return undefined;
  const cloud = clouds[name];
  return isRecord(cloud) ? cloud : undefined;
}

function strings(record: unknown): Record<string, string> {
  if (!isRecord(record)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
    else if (typeof value === 'number') out[key] = String(value);
  }
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Finds `OS_CLOUD`'s entry. `OS_CLIENT_CONFIG_FILE` / `OS_CLIENT_SECURE_FILE` name the files
 * directly, as in openstacksdk; otherwise the usual directories are searched.
 */
export function loadCloud(name: string, env: Env, searchDirs = defaultSearchDirs(env)): CloudEntry {
  const read = reader(env);
  const file = read('OS_CLIENT_CONFIG_FILE')?.trim() || firstExisting(searchDirs, 'clouds');
  if (!file || !existsSync(file)) {
    throw new ConfigError(
      `OS_CLOUD=${name} but no clouds.yaml was found (looked in ${searchDirs.join(', ')})`,
    );
  }
  const cloud = cloudIn(readYaml(file), name);
  if (!cloud) throw new ConfigError(`OS_CLOUD=${name} but ${file} has no cloud of that name`);

  const secureFile =
    read('OS_CLIENT_SECURE_FILE')?.trim() ||
    firstExisting([path.dirname(file), ...searchDirs], 'secure');
  const secure =
    secureFile && existsSync(secureFile) ? (cloudIn(readYaml(secureFile), name) ?? {}) : {};

  const auth = { ...strings(cloud.auth), ...strings(secure.auth) };
  const merged = { ...cloud, ...secure };
  return {
    name,
    file,
    auth,
    authType: text(merged.auth_type),
    regionName: text(merged.region_name),
    accessKey: text(merged.ak) ?? text(merged.access_key) ?? auth.ak ?? auth.access_key,
    secretKey: text(merged.sk) ?? text(merged.secret_key) ?? auth.sk ?? auth.secret_key,
  };
}
