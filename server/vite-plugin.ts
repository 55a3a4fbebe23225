import type { Plugin } from 'vite';
import { loadAppConfig } from './config/app-config.ts';
import { createApp, type App } from './http/app.ts';

/**
 * `npm run dev`: the production server's chain (server/http/app.ts) in front of Vite, so the
 * API, health, metrics, headers and host checks run the same code in both; only the last
 * step differs (Vite serves modules and index.html with hot reload instead of the build).
 */
export function sfsTurboDev(): Plugin {
  let app: Promise<App> | undefined;
  return {
    name: 'sfs-turbo-dev',
    apply: 'serve',
    // The API holds the server's cloud credentials: no other origin may read its answers.
    // Vite's default CORS policy lets any page on localhost do so.
    config: () => ({ server: { cors: false } }),
    async configureServer(server) {
      app ??= createApp(loadAppConfig(process.env), { mode: 'dev' });
      const running = await app;
      server.middlewares.use((req, res, next) => {
        void running.handle(req, res, () => {
          next();
          return Promise.resolve();
        });
      });
      server.httpServer?.once('close', () => void running.close());
      const { simulator, config } = running.runtime;
      const upstream = simulator
        ? `embedded simulator at ${simulator.url}`
        : (config.endpointOverride ?? 'regional SFS Turbo endpoints');
      server.config.logger.info(`  sfs-turbo-jobs proxy → ${upstream}`);
    },
  };
}
