import type { IncomingMessage } from 'node:http';
import { loadConfig, type Env, type ServerConfig } from './config.ts';
import { credentialsFromEnv } from './credentials/from-env.ts';
import type { CredentialProvider } from './credentials/provider.ts';
import { scopeToCredential } from './credentials/scope.ts';
import {
  createApiHandler,
  formatAccessLog,
  type AccessLogEntry,
  type ApiHandler,
} from './proxy/handler.ts';
import type { RunningSimulator } from './simulator/simulator.ts';
import type { UpstreamLimit } from './auth/upstream-limit.ts';

export interface ProxyRuntime {
  config: ServerConfig;
  credentials: CredentialProvider;
  handler: ApiHandler;
  simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env?: Env;
  /** Already loaded from `env` (the production server reads its configuration once). */
  config?: ServerConfig;
  /** A text line per API request (bench and tests); ignored when `onEntry` is given. */
  log?: (line: string) => void;
  /** The handler's access-log entry for each API request (the server's one log line uses it). */
  onEntry?: (entry: AccessLogEntry, req: IncomingMessage) => void;
  /** SFS_TURBO_CACHE_MS: identical job requests share one upstream exchange (undefined: never). */
  cacheMs?: number;
  /** Port for the embedded simulator (`SFS_TURBO_SIMULATOR_PORT`); 0 picks a free one. */
  simulatorPort?: number;
  /** Upstream calls per user (or address): see `ApiHandlerOptions.upstreamLimit`. */
  upstreamLimit?: UpstreamLimit;
}

/**
 * Builds the proxy for the environment: with neither an endpoint nor credentials, starts the
 * embedded simulator and makes it the upstream, through the same forwarding code as the cloud.
 */
export async function createProxyRuntime(options: RuntimeOptions = {}): Promise<ProxyRuntime> {
  const env = options.env ?? process.env;
  const loaded = options.config ?? loadConfig(env);
  const credentials = credentialsFromEnv(env, loaded);
  // The regions fitted to the credential: a start that would send it to another cloud stops here.
  const config = scopeToCredential(loaded, credentials);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const onEntry = options.onEntry ?? ((entry: AccessLogEntry) => log(formatAccessLog(entry)));

  const useSimulator = config.endpointOverride === undefined && credentials.kind === 'none';
  // Loaded only when used: a proxy configured for a real cloud never runs simulator code.
  const simulatorModule = useSimulator ? await import('./simulator/simulator.ts') : undefined;
  const simulator = await simulatorModule?.startSimulator({
    // Loopback only: the simulator has control routes that must not be reachable from outside.
    host: '127.0.0.1',
    port: options.simulatorPort ?? Number(env.SFS_TURBO_SIMULATOR_PORT ?? 0),
  });

  const handler = createApiHandler({
    config,
    credentials,
    simulatorUrl: simulator?.url,
    demoJobs: simulatorModule?.demoJobs() ?? [],
    log: onEntry,
    ...(options.cacheMs === undefined ? {} : { cacheMs: options.cacheMs }),
    ...(options.upstreamLimit ? { upstreamLimit: options.upstreamLimit } : {}),
  });

  return {
    config,
    credentials,
    handler,
    simulator,
    close: async () => {
      await simulator?.close();
    },
  };
}
