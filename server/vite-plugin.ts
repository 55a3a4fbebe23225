import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { apiMiddleware, createProxyRuntime, type ProxyRuntime } from './app-server.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** Mounts the proxy (and, when unconfigured, the simulator) in both `vite` and `vite preview`. */
export function sfsTurboProxy(): Plugin {
  let runtime: Promise<ProxyRuntime> | undefined;

  async function mount(server: ViteDevServer | PreviewServer, secure: boolean) {
    runtime ??= createProxyRuntime();
    const { handler, simulator, config } = await runtime;
    if (secure) {
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        next();
      });
    }
    server.middlewares.use(apiMiddleware(handler));
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
    configureServer: (server) => mount(server, false),
    configurePreviewServer: (server) => mount(server, true),
  };
}
