import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sfsTurboProxy } from './server/vite-plugin.ts';

const host = process.env.HOST?.trim() || '127.0.0.1';
const port = Number(process.env.PORT) || 5173;
const allowedHosts = (process.env.SFS_TURBO_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

export default defineConfig({
  plugins: [react(), tailwindcss(), sfsTurboProxy()],
  server: { host, port, strictPort: true, allowedHosts },
  preview: { host, port, strictPort: true, allowedHosts },
  // The manifest lets scripts/bundle-budget.mjs find what the job page loads first.
  build: { sourcemap: true, manifest: true },
});
