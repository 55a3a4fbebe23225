import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { E2E_SIMULATOR_PORT } from '../playwright.config.ts';

/** The embedded simulator behind the preview server, reached directly for control and counts. */
export interface SimulatorControl {
  url: string;
  post(path: string, body?: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
}

interface Fixtures {
  simulator: SimulatorControl;
  /** Console errors and page errors seen during the test; a test fails if any appear. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  simulator: async ({ request }, use) => {
    const url = `http://127.0.0.1:${E2E_SIMULATOR_PORT}`;
    const control: SimulatorControl = {
      url,
      post: async (path, body) => {
        const response = await request.post(`${url}${path}`, { data: body ?? {} });
        expect(response.ok(), `POST ${path} → ${response.status()}`).toBe(true);
        return response.json();
      },
      get: async (path) => {
        const response = await request.get(`${url}${path}`);
        expect(response.ok(), `GET ${path} → ${response.status()}`).toBe(true);
        return response.json();
      },
    };
    await use(control);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      // Failed fetches (4xx/5xx) are logged by Chromium as console errors; they are expected
      // when a test asks for a failing job, so only errors of our own code count.
      const ours = errors.filter((text) => !/Failed to load resource/.test(text));
      expect(ours, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Opens a job's page and waits for the app to have drawn it: until then `#root` may hold the
 * status drawn before the app's script (src/first-status.ts), which has the job's ID and
 * status word but none of the page's controls. (e2e/job-preload.spec.ts tests that one.)
 */
export async function openJob(page: Page, projectId: string, jobId: string, region = 'eu-de') {
  await page.goto(`/${region}/projects/${projectId}/jobs/${jobId}`);
  await page.locator('main#main').waitFor({ state: 'attached' });
}

/**
 * Any request a timer in the page started has been sent (and seen by routes and listeners)
 * once a later request has come back: the browser hands them on in order. A wait for an event,
 * where a fixed pause would be too short on a busy machine.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await fetch('/api/regions');
  });
}

/** Tells the page that its tab was hidden or shown, as the browser would. */
export async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, state);
}

/** The words a copy button shows now; the others are laid out in the same cell, invisible. */
export const shownWords = (button: Locator): Locator =>
  button.locator('[data-copy-words] > :not(.invisible)');

/**
 * Holds the page's timers still until `page.clock.resume()` (the clock must have been installed
 * before the page loaded), so that feedback shown for two seconds is still there when the test
 * looks: on a busy machine the look can come later than that. Timers already due fire once.
 */
export async function holdTimers(page: Page): Promise<void> {
  // Far enough ahead that the page's clock cannot have passed it by the time the call arrives.
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 60_000);
}
