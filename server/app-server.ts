import type { Env, ServerConfig } from './config.ts';
import { configureFromEnv } from './credentials/scope.ts';
import { createApiHandler, formatAccessLog, type ApiHandler } from './proxy/handler.ts';
import type { RunningSimulator } from './simulator/simulator.ts';

export interface ProxyRuntime {
  config: ServerConfig;
  handler: ApiHandler;
  simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env?: Env;
  log?: (line: string) => void;
  /** Port for the embedded simulator (`SFS_TURBO_SIMULATOR_PORT`); 0 picks a free one. */
  simulatorPort?: number;
}

/**
 * Builds the proxy for the environment: with neither an endpoint nor credentials, starts the
 * embedded simulator and makes it the upstream, through the same forwarding code as the cloud.
 */
export async function createProxyRuntime(options: RuntimeOptions = {}): Promise<ProxyRuntime> {
  const env = options.env ?? process.env;
  const { config, credentials } = configureFromEnv(env);
  // stdout, one line per request, in dev and preview alike (Vite's own output goes there too).
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

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
    log: (entry) => log(formatAccessLog(entry)),
  });

  return {
    config,
    handler,
    simulator,
    close: async () => {
      await simulator?.close();
    },
  };
}
