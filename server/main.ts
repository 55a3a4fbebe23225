/**
 * `npm start` (after the build) and the container's command: the production server.
 * Configuration comes from the environment, read once; a bad value stops the process here,
 * naming the variable.
 */
import { loadAppConfig } from './config/app-config.ts';
import { ConfigError } from './config/config.ts';
import { createServer, type AppServer } from './http/create-server.ts';

const GRACE_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`sfs-turbo-jobs: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadAppConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let running: AppServer;
try {
  running = await createServer(config);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { app } = running;
const url = await running
  .listen()
  .catch((error: NodeJS.ErrnoException) =>
    fail(
      `cannot listen on ${config.proxy.host}:${config.proxy.port}: ${error.code ?? error.message}`,
    ),
  );
const upstream = app.runtime.simulator
  ? `embedded simulator at ${app.runtime.simulator.url}`
  : app.runtime.simulatorUrl
    ? `simulator at ${app.runtime.simulatorUrl}`
    : (config.proxy.endpointOverride ?? 'regional SFS Turbo endpoints');
app.logger.info({ msg: 'listening', url, upstream, publicUrl: config.serving.publicUrl ?? null });
// Ready (`/readyz`) once the store is open and migrated; a store that cannot be opened stops
// the server, naming the variable to look at.
app.memory.opened.then(
  // `replica`: this process's name in the watches' leases (`lease_owner`).
  (store) => app.logger.info({ msg: 'store open', store: store.description, replica: app.replica }),
  (error: unknown) => {
    app.logger.flush();
    fail(error instanceof Error ? error.message : String(error));
  },
);

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.logger.info({ msg: 'shutting down', signal, graceMs: GRACE_MS });
  void running.shutdown(GRACE_MS).then(() => {
    app.logger.info({ msg: 'stopped' });
    app.logger.flush(() => process.exit(0));
  });
}
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
