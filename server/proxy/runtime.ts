import { ConfigError, isLoopbackHost, type ServerConfig } from '../config/config.ts';
import type { CredentialSettings } from '../config/credentials.ts';
import { credentialProvider } from '../credentials/from-config.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import { scopeToCredential } from '../credentials/scope.ts';
import type { Memory } from '../memory/memory.ts';
import type { RunningSimulator } from '../simulator/simulator.ts';
import { allowedRegions, createApi, type ApiHandler } from './api.ts';
import { createCoalescer } from './coalesce.ts';
import { createForwarder, hasUpstream, type Forwarded } from './forward.ts';
import { createJobSource, type JobSource } from './job-source.ts';
import type { HistoryReader } from './steps/history.ts';
import type { UpstreamLimit } from './upstream-limit.ts';

export interface ProxyRuntime {
  config: ServerConfig;
  credentials: CredentialProvider;
  api: ApiHandler;
  /** The way to a job's upstream answer, for lookups and watches alike. */
  jobSource: JobSource;
  /** The embedded simulator, when this process started one. */
  simulator: RunningSimulator | undefined;
  /** Where the simulator that is the upstream answers (embedded or given), if one is. */
  simulatorUrl: string | undefined;
  /** Whether a job in this region may be asked for (known, and allowed for the credential). */
  regionUsable(region: string): boolean;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: ServerConfig;
  /** The configured credential; the runtime makes its provider. */
  credentials: CredentialSettings;
  /** SFS_TURBO_CACHE_MS: identical job requests share one upstream exchange (undefined: never). */
  cacheMs?: number | undefined;
  /** Upstream calls per user (or address): see `ApiOptions.upstreamLimit`. */
  upstreamLimit?: UpstreamLimit;
  /** Tests and benches: this credential instead of the configured one. */
  provider?: CredentialProvider;
  /** Tests and benches: a simulator (or a stand-in) already running, instead of an embedded one. */
  simulatorUrl?: string;
  /** The history route's reader (server/memory/history.ts). */
  history?: HistoryReader;
  /** The server's memory: the watches' routes answer from it. */
  memory: Memory;
}

/**
 * Whether the upstream is a simulator, and which: the embedded one (`'embedded'`) or a
 * standalone one at `SFS_TURBO_ENDPOINT`, shared by several replicas (its URL).
 */
function simulatorChoice(
  config: ServerConfig,
  credentials: CredentialProvider,
): 'embedded' | string | undefined {
  if (config.simulator === true) {
    if (credentials.kind !== 'none') {
      throw new ConfigError(
        `SFS_TURBO_SIMULATOR=1 and a credential (${credentials.description}) are both set: a simulator is never sent a credential, so unset one of them`,
      );
    }
    return config.endpointOverride ?? 'embedded';
  }
  if (config.simulator === false || config.endpointOverride !== undefined) return undefined;
  if (credentials.kind !== 'none') return undefined;
  // A server others can reach shows simulated data only when told to: an unfilled secret
  // must not turn into a healthy-looking dashboard of demo jobs.
  if (!isLoopbackHost(config.host)) {
    throw new ConfigError(
      `No cloud credential is configured and HOST=${config.host} is not a loopback address: set one (docs/configuration.md#credentials), or SFS_TURBO_SIMULATOR=1 to serve simulated data on purpose`,
    );
  }
  return 'embedded';
}

/**
 * Builds the proxy for its configuration: with neither an endpoint nor credentials (on
 * loopback, or with `SFS_TURBO_SIMULATOR=1`), starts the embedded simulator and makes it the
 * upstream, through the same forwarding code as the cloud.
 */
export async function createProxyRuntime(options: RuntimeOptions): Promise<ProxyRuntime> {
  const loaded = options.config;
  const credentials = options.provider ?? credentialProvider(options.credentials, loaded);
  // The regions fitted to the credential: a start that would send it to another cloud stops here.
  const config = scopeToCredential(loaded, credentials);

  // Tests and benches may hand in a simulator (or a stand-in) that is already running.
  const choice = options.simulatorUrl ?? simulatorChoice(config, credentials);
  // Loaded only when used: a proxy configured for a real cloud never runs simulator code.
  const simulatorModule =
    choice === undefined || options.simulatorUrl !== undefined
      ? undefined
      : await import('../simulator/simulator.ts');
  const simulator =
    choice === 'embedded'
      ? await simulatorModule?.startSimulator({
          // Loopback only: the simulator has control routes that must not be reachable from outside.
          host: '127.0.0.1',
          port: config.simulatorPort,
        })
      : undefined;
  const simulatorUrl = choice === 'embedded' ? simulator?.url : choice;

  const jobSource = createJobSource(
    createForwarder({ config, credentials, simulatorUrl }),
    options.cacheMs === undefined ? undefined : createCoalescer<Forwarded>(options.cacheMs),
  );
  const api = createApi({
    config,
    credentials,
    simulatorUrl,
    demoJobs: simulatorModule?.demoJobs() ?? [],
    upstreamLimit: options.upstreamLimit,
    jobSource,
    history: options.history,
    memory: options.memory,
  });
  const simulated = simulatorUrl !== undefined;
  const allowed = allowedRegions(config, simulated);

  return {
    config,
    credentials,
    api,
    jobSource,
    simulator,
    simulatorUrl,
    regionUsable: (region) => allowed.has(region) && hasUpstream(config, simulated, region),
    close: async () => {
      await simulator?.close();
    },
  };
}
