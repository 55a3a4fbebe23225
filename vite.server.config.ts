import { defineConfig } from 'vite';

/**
 * The production server, bundled for Node into dist-server/main.js (`npm run build`), so the
 * container runs plain `node` with runtime dependencies only (no TypeScript loader).
 * The standalone simulator (dist-server/simulator.js, `npm run simulator`) is built beside it:
 * several replicas share one, and a production install has no tsx to run its source.
 * Packages stay external: they come from node_modules.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    copyPublicDir: false,
    rollupOptions: {
      input: { main: 'server/main.ts', simulator: 'server/cli/simulator.ts' },
      output: { entryFileNames: '[name].js' },
    },
  },
  logLevel: 'warn',
});
