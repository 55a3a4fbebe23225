import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'deploy/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          // Not UTC, and not a whole-hour offset: a "local time" test can then tell local
          // from UTC, and an offset bug in minutes shows.
          env: { TZ: 'Asia/Kolkata' },
          // common/ is the part both sides share; its tests run here, under the odd time zone.
          include: ['src/**/*.test.{ts,tsx}', 'common/**/*.test.ts'],
          setupFiles: ['./src/test/setup.ts'],
        },
      },
    ],
  },
});
