import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { createProxyRuntime, type ProxyRuntime, type RuntimeOptions } from './app-server.ts';
import { apiMiddleware } from './proxy/middleware.ts';
import {
  DEV_SECURITY_HEADERS,
  SECURITY_HEADERS,
  securityHeadersMiddleware,
} from './security-headers.ts';

/** Mounts the proxy (and, when unconfigured, the simulator) in both `vite` and `vite preview`. */
export function sfsTurboProxy(options: RuntimeOptions = {}): Plugin {
  let runtime: Promise<ProxyRuntime> | undefined;

  async function mount(server: ViteDevServer | PreviewServer, preview: boolean) {
    runtime ??= createProxyRuntime(options);
    const { handler, simulator, config } = await runtime;
    // The API first: it sets its own, stricter headers on every answer (errors.ts), and the
    // per-request poll path is the one that has to be cheap.
    server.middlewares.use(apiMiddleware(handler));
    server.middlewares.use(
      securityHeadersMiddleware(preview ? SECURITY_HEADERS : DEV_SECURITY_HEADERS),
    );
    server.httpServer?.once('close', () => {
      void runtime?.then((r) => r.close());
    });
    const upstream = simulator
      ? `embedded simulator at ${simulator.url}`
      : (config.endpointOverride ?? 'regional SFS Turbo endpoints');
    server.config.logger.info(`  sfs-turbo-jobs proxy → ${upstream}`);
  }

  return {
    name: 'sfs-turbo-proxy',
    // The API holds the server's cloud credentials: no other origin may read its answers.
    // Vite's default CORS policy lets any page on localhost do so.
    config: () => ({ server: { cors: false }, preview: { cors: false } }),
    configureServer: (server) => mount(server, false),
    configurePreviewServer: (server) => mount(server, true),
  };
}
