import { defineConfig } from 'vite';

/**
 * The production server, bundled for Node into dist-server/main.js (`npm run build`), so the
 * container runs plain `node` with runtime dependencies only (no TypeScript loader).
 * Packages stay external: they come from node_modules.
 */
export default defineConfig({
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    copyPublicDir: false,
  },
  logLevel: 'warn',
});
