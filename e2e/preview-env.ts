import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The environment of a server that serves the built app as `npm start` does, on loopback,
 * with the embedded simulator as its upstream: no cloud configuration is inherited from the
 * shell that runs the tests or benchmarks. The cloud's variables are unset (`undefined`:
 * `child_process.spawn` leaves them out), not emptied: an empty credential variable stops the
 * server at start.
 */
export function simulatedPreviewEnv(
  port: number,
  simulatorPort: number,
  /** The embedded store's directory (default: a new temporary one, so no run sees another's). */
  dataDir: string = mkdtempSync(join(tmpdir(), 'sfs-turbo-data-')),
): Record<string, string | undefined> {
  return {
    SFS_TURBO_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    NOTIFY_TARGETS: undefined,
    NOTIFY_WEBHOOK_SECRET: undefined,
    PORT: String(port),
    HOST: '127.0.0.1',
    SFS_TURBO_SIMULATOR_PORT: String(simulatorPort),
    SFS_TURBO_SIMULATOR: undefined,
    SFS_TURBO_ENDPOINT: undefined,
    OS_TOKEN: undefined,
    OS_AUTH_TOKEN: undefined,
    OS_ACCESS_KEY: undefined,
    OS_SECRET_KEY: undefined,
    OS_USERNAME: undefined,
    OS_PASSWORD: undefined,
    OS_USER_DOMAIN_NAME: undefined,
    OS_DOMAIN_NAME: undefined,
    OS_USER_DOMAIN_ID: undefined,
    OS_DOMAIN_ID: undefined,
    OS_AUTH_URL: undefined,
    OS_CLOUD: undefined,
  };
}
