import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/app-config.ts';
import { createApp, type App, type AppOptions } from './app.ts';

export interface AppServer {
  app: App;
  server: http.Server;
  /** Listens on `config.proxy.host`/`port` unless told otherwise; resolves to the address. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Not ready at once, no new connections, requests in flight finish; after `graceMs` the
   * connections still open are cut. Resolves when everything is closed.
   */
  shutdown(graceMs?: number): Promise<void>;
}

/** The production server: a function of its configuration, so tests start as many as they need. */
export async function createServer(
  config: AppConfig,
  options: Omit<AppOptions, 'mode'> & { mode?: AppOptions['mode'] } = {},
): Promise<AppServer> {
  const app = await createApp(config, { mode: 'production', ...options });
  let draining = false;
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    // Keep-alive connections would otherwise hold the shutdown open until they idle out.
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    void app.handle(req, res);
  });
  // Slowloris and stuck clients: a request's headers must arrive within 30 s.
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;

  return {
    app,
    server,
    listen: (port = config.proxy.port, host = config.proxy.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}${config.serving.basePath}`);
        });
      }),
    async shutdown(graceMs = 10_000) {
      draining = true;
      app.readiness.drain();
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      server.closeIdleConnections();
      await closed;
      clearInterval(idle);
      clearTimeout(deadline);
      await app.close();
      app.logger.flush();
    },
  };
}
