import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Logger } from 'pino';
import { PROXY_ERROR } from '../../common/contract.ts';
import type { AppConfig } from '../config/app-config.ts';
import {
  forwardedClient,
  normaliseAddress,
  type TrustedProxies,
} from '../config/trusted-proxies.ts';
import { leakCheck } from '../credentials/leak-check.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import { historyReader, recordHistory } from '../memory/history.ts';
import { createMemory, type Memory } from '../memory/memory.ts';
import { createNotifier, type Notifier } from '../memory/notify/index.ts';
import { watchNotifier } from '../memory/watch-notifier.ts';
import { createWatcher, type Watcher } from '../memory/watcher.ts';
import { createProxyRuntime, type ProxyRuntime } from '../proxy/runtime.ts';
import { createUpstreamLimit, type UpstreamLimit } from '../proxy/upstream-limit.ts';
import { createAccessLogger } from './access-log.ts';
import { chain } from './chain.ts';
import type { Next, RequestContext } from './context.ts';
import {
  authObserver,
  createMetrics,
  loginObserver,
  notifyObserver,
  type Metrics,
} from './metrics.ts';
import { createReadiness, type Readiness } from './readiness.ts';
import { sendProxyError } from './responses.ts';
import {
  allowingInlineScripts,
  DEV_SECURITY_HEADERS,
  SECURITY_HEADERS,
  withTransportSecurity,
} from './security-headers.ts';
import { loadStaticSite } from './static-site.ts';
import { accessControl } from './steps/access-control.ts';
import { apiRoute } from './steps/api.ts';
import { basePath } from './steps/base-path.ts';
import { health } from './steps/health.ts';
import { hostCheck } from './steps/host-check.ts';
import { observeExcept } from './steps/observe.ts';
import { securityHeaders } from './steps/security-headers.ts';
import { staticFiles } from './steps/static.ts';

export interface AppOptions {
  /**
   * `production`: the built app from `serving.distDir`. `dev`: Vite serves pages and modules
   * (with hot reload) after the chain, through `last`.
   */
  mode: 'production' | 'dev';
  /** The access log's destination (default: stdout). */
  logDestination?: DestinationStream;
  /**
   * Tests and benches: the credential, or an upstream standing in for the simulator, given
   * rather than configured; `coalesce: false` gives each API request its own exchange.
   */
  proxy?: { credentials?: CredentialProvider; simulatorUrl?: string; coalesce?: boolean };
}

export interface App {
  /** Runs one request through the chain; `last` runs when no step answered. */
  handle(req: IncomingMessage, res: ServerResponse, last?: Next): Promise<void>;
  /** The configuration it was made from. */
  config: AppConfig;
  runtime: ProxyRuntime;
  readiness: Readiness;
  /** The store and what uses it (history, watches): server/memory/. */
  memory: Memory;
  /** This process's name in the watches' leases (`lease_owner`): a random UUID. */
  replica: string;
  metrics: Metrics;
  logger: Logger;
  close(): Promise<void>;
}

const notFound = (res: ServerResponse): Promise<void> => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
  return Promise.resolve();
};

/** A new request's context: its id, and who sent it (through a trusted proxy or not). */
function contextOf(req: IncomingMessage, trustedProxies: TrustedProxies): RequestContext {
  const peer = normaliseAddress(req.socket.remoteAddress ?? '');
  const viaTrustedProxy = trustedProxies.has(peer);
  const forwardedFor = req.headers['x-forwarded-for'];
  return {
    id: randomUUID(),
    peer,
    client: viaTrustedProxy
      ? forwardedClient(
          peer,
          Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor,
          trustedProxies,
        )
      : peer,
    viaTrustedProxy,
    path: '/',
    log: {},
  };
}

/**
 * The watcher, once the store is open: it polls the watched jobs through the lookups' job
 * source (so a job someone views costs nothing extra), each on its watcher's upstream share.
 */
function startWatching(
  memory: Memory,
  runtime: ProxyRuntime,
  upstreamLimit: UpstreamLimit,
  logger: Logger,
  metrics: Metrics,
  publicUrl: string | undefined,
): { replica: string; stop(): Promise<void> } {
  let closing = false;
  const replica = randomUUID();
  const simulated = runtime.simulatorUrl !== undefined;
  const started: Promise<{ watcher: Watcher; notifier: Notifier } | undefined> = memory.opened.then(
    (store) => {
      if (closing) return undefined;
      // Sends what the watches recorded, on every replica: each message by one of them.
      const notifier = createNotifier({
        store,
        targets: memory.config.targets,
        webhookSecret: memory.config.webhookSecret,
        owner: replica,
        observer: notifyObserver(metrics),
        onError: (error) =>
          logger.warn({
            route: 'notifier',
            event: 'round-failed',
            error: error instanceof Error ? error.name : typeof error,
          }),
      });
      notifier.start();
      const watcher = createWatcher({
        store,
        owner: replica,
        jobSource: runtime.jobSource,
        notifier: watchNotifier(notifier, publicUrl),
        // As the limit step: the simulator holds no credential worth sparing.
        admit: (payer, now) => (simulated ? { ok: true } : upstreamLimit.take(payer, now)),
        regionUsable: runtime.regionUsable,
        secrets: leakCheck(runtime.credentials.secrets),
        log: (line) => logger.info({ route: 'watcher', ...line }),
      });
      watcher.start();
      return { watcher, notifier };
    },
    () => undefined,
  );
  return {
    replica,
    async stop() {
      closing = true;
      const running = await started;
      // The watcher first (its leases go back at once), then the sends in flight.
      await running?.watcher.stop();
      await running?.notifier.stop();
    },
  };
}

/**
 * The whole request path of `npm start` and `npm run dev`, in the order a request takes it.
 * Read it top to bottom: each step is one file under server/http/steps/.
 */
export async function createApp(config: AppConfig, options: AppOptions): Promise<App> {
  const { serving } = config;
  const site =
    options.mode === 'production'
      ? loadStaticSite(serving.distDir, serving.basePath, serving.publicUrl, {
          serveSourceMaps: serving.serveSourceMaps,
        })
      : undefined;
  const metrics = createMetrics();
  // Opened first, so that the history route can read it; closed again if the proxy cannot start.
  const memory = createMemory(config.memory);
  // One share per user for lookups and watches alike.
  const upstreamLimit = createUpstreamLimit({ perMinute: config.auth.upstreamPerMin });
  const runtime = await createProxyRuntime({
    config: config.proxy,
    credentials: config.credentials,
    ...(options.proxy?.credentials ? { provider: options.proxy.credentials } : {}),
    cacheMs: options.proxy?.coalesce === false ? undefined : serving.cacheMs,
    upstreamLimit,
    ...(options.proxy?.simulatorUrl ? { simulatorUrl: options.proxy.simulatorUrl } : {}),
    history: historyReader(memory),
    memory,
  }).catch(async (error: unknown) => {
    await memory.close();
    throw error;
  });
  // Every answer the cloud gives for a job, to a viewer or a watch, once the store is open.
  const history = recordHistory({
    memory,
    jobSource: runtime.jobSource,
    secrets: leakCheck(runtime.credentials.secrets),
    count: (result) => metrics.observations.inc({ result }),
  });
  const readiness = createReadiness({
    credentials: runtime.credentials,
    simulatorUrl: runtime.simulatorUrl,
    memory,
  });
  runtime.credentials.observeLogins?.(loginObserver(metrics));
  const logger = createAccessLogger(options.logDestination);
  const watching = startWatching(
    memory,
    runtime,
    upstreamLimit,
    logger,
    metrics,
    serving.publicUrl,
  );

  const run = chain([
    // Under `npm run dev`, Vite's own module requests are not worth a log line each.
    observeExcept(logger, metrics, new Set(['vite']), leakCheck(runtime.credentials.secrets)),
    securityHeaders(
      withTransportSecurity(
        site ? allowingInlineScripts(SECURITY_HEADERS, site.inlineScripts) : DEV_SECURITY_HEADERS,
        serving.publicUrl,
      ),
    ),
    hostCheck(serving.allowedHosts),
    basePath(serving.basePath),
    health(readiness, metrics, config.auth),
    accessControl(config.auth, authObserver(metrics)),
    apiRoute(runtime.api, serving.basePath),
    ...(site ? [staticFiles(site)] : []),
  ]);

  const { trustedProxies } = serving;
  let closed: Promise<void> | undefined;
  const closeAll = async () => {
    // First: its leases go back to the store, for another replica to take over at once.
    await watching.stop();
    await runtime.close();
    await history.close();
    await memory.close();
  };
  return {
    async handle(req, res, last = () => notFound(res)) {
      const ctx = contextOf(req, trustedProxies);
      try {
        await run(req, res, ctx, () => {
          ctx.log.route = options.mode === 'dev' ? 'vite' : 'not-found';
          return last();
        });
      } catch (error) {
        // A bug, not a client's or the cloud's failure; the error itself could quote anything.
        ctx.log.route ??= 'error';
        ctx.log.error = error instanceof Error ? error.name : typeof error;
        if (!res.headersSent)
          sendProxyError(res, 500, PROXY_ERROR.internal, 'Unexpected server error');
        else res.destroy();
      }
    },
    config,
    runtime,
    readiness,
    memory,
    replica: watching.replica,
    metrics,
    logger,
    // Once, however often it is called: a second call waits for the first.
    close: () => (closed ??= closeAll()),
  };
}
