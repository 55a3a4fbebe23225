import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser.ts';
import { simulatedPreviewEnv } from './e2e/preview-env.ts';

// Overridable so that two suites (a developer's and a CI trial) can run side by side.
/** `npm run serve`, spelt out: the container has no npm in its command. */
export const START_COMMAND = 'node dist-server/main.js';

export const E2E_PORT = Number(process.env.E2E_PORT) || 5874;
export const E2E_SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT) || 5875;
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // One shared simulator behind the server: tests reset it and count its requests.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
      },
    },
  ],
  webServer: {
    // The production server, the very command the container runs (deploy/Dockerfile's CMD;
    // npm test builds first).
    command: START_COMMAND,
    url: `http://127.0.0.1:${E2E_PORT}/api/regions`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Playwright spreads it over process.env and spawns: an `undefined` value unsets a variable.
    env: simulatedPreviewEnv(E2E_PORT, E2E_SIMULATOR_PORT) as Record<string, string>,
  },
});
