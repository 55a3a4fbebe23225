/**
 * `npm run bench:big-job`: the job page of a large job on a slow laptop: Chromium with the
 * CPU slowed 4× (DevTools `Emulation.setCPUThrottlingRate`), served as `npm start` serves it
 * (the production server over `dist/`, embedded simulator). Two simulator scenarios: the
 * 1,000-sub-job job frozen mid-flight and the live 500-sub-job job (waves over a minute).
 * Per scenario, one table row with:
 * - idle: long tasks (≥ 50 ms, as the Long Tasks API reports them) over IDLE_MS (20 s) of
 *   the page left alone, their number, longest and share of the time;
 * - scrolling: frames per second while the window scrolls through the rows at a steady
 *   speed for SCROLL_MS (10 s), counted with requestAnimationFrame, and long tasks meanwhile.
 * Loopback only; the server and browser stop at the end; the whole run is bounded to 6 min.
 *
 *   npm run bench:big-job   (IDLE_MS=20000 SCROLL_MS=10000 CPU=4; DIST: the build, default dist)
 */
import { availableParallelism, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { startProductionServer } from './production-server.ts';
import { markdownTable } from './table.ts';

const IDLE_MS = Number(process.env.IDLE_MS) || 20_000;
const SCROLL_MS = Number(process.env.SCROLL_MS) || 10_000;
const CPU = Number(process.env.CPU) || 4;
/** Scrolling speed, CSS px per second: a brisk mouse wheel. */
const SPEED = 1500;

const watchdog = setTimeout(() => {
  console.error('bench:big-job: still running after 6 minutes, stopping');
  process.exit(1);
}, 6 * 60_000);

// Runs in the page before its scripts: every long task from the start.
const INIT = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ at: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask' });
})();`;

// A string, not a function: the TypeScript runner would wrap a function's inner functions in a
// helper the page does not have.
const SCROLL_SOURCE = `(ms, speed) => new Promise((done) => {
  const list = document.querySelector('ol[aria-label="Job and sub-jobs on one time axis"]');
  const top = (list ? list.getBoundingClientRect().top : 0) + window.scrollY;
  window.scrollTo(0, top);
  const start = performance.now();
  let count = 0;
  const step = (time) => {
    count += 1;
    const elapsed = time - start;
    // Down and back up: a steady speed whatever the frame rate.
    const room = Math.max(1, document.documentElement.scrollHeight - innerHeight - top);
    const lap = ((elapsed / 1000) * speed) % (2 * room);
    window.scrollTo(0, top + (lap < room ? lap : 2 * room - lap));
    if (elapsed < ms) requestAnimationFrame(step);
    else done(count / (elapsed / 1000));
  };
  requestAnimationFrame(step);
})`;

interface Span {
  from: number;
  to: number;
}
interface TaskSummary {
  count: number;
  longest: number;
  busyShare: number;
}

async function main(): Promise<void> {
  const server = await startProductionServer();
  const { base } = server;
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    executablePath: chromiumExecutable() ?? chromium.executablePath(),
  });
  try {
    const scenarios = [
      { name: '1,000 sub-jobs (frozen mid-flight, live clock)', id: SCENARIO.benchmarkSubJobs },
      { name: '500 sub-jobs, live (waves)', id: SCENARIO.manySubJobs },
    ];
    const rows: string[][] = [];
    for (const scenario of scenarios) {
      await server.control('/__simulator/reset');
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript(INIT);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(`${base}/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${scenario.id}`);
      await page
        .locator('ol[aria-label="Job and sub-jobs on one time axis"] > li')
        .nth(5)
        .waitFor({ timeout: 60_000 });
      // The rows of a live job arrive over its first polls: let the first screen settle.
      await page.waitForTimeout(3000);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
      const now = () => page.evaluate(() => performance.now());
      const tasks = (span: Span) =>
        page.evaluate((w) => {
          const all = (globalThis as unknown as { __longTasks: { at: number; ms: number }[] })
            .__longTasks;
          const inside = all.filter((t) => t.at >= w.from && t.at < w.to);
          const busy = inside.reduce((sum, t) => sum + t.ms, 0);
          return {
            count: inside.length,
            longest: inside.reduce((max, t) => Math.max(max, t.ms), 0),
            busyShare: busy / (w.to - w.from),
          };
        }, span) as Promise<TaskSummary>;

      const idleFrom = await now();
      await page.waitForTimeout(IDLE_MS);
      const idle = await tasks({ from: idleFrom, to: await now() });

      const scrollFrom = await now();
      const frames = (await page.evaluate(`(${SCROLL_SOURCE})(${SCROLL_MS}, ${SPEED})`)) as number;
      const scrolling = await tasks({ from: scrollFrom, to: await now() });
      const mounted = await page
        .locator('ol[aria-label="Job and sub-jobs on one time axis"] > li')
        .count();
      await context.close();
      rows.push([
        scenario.name,
        `${idle.count} / ${Math.round(idle.longest)} ms / ${(idle.busyShare * 100).toFixed(0)} %`,
        frames.toFixed(1),
        `${scrolling.count} / ${Math.round(scrolling.longest)} ms / ${(scrolling.busyShare * 100).toFixed(0)} %`,
        String(mounted),
      ]);
    }
    console.log(
      `Large job page at ${CPU}× CPU slowdown, Chromium ${browser.version()}, 1366×768; idle ${IDLE_MS / 1000} s, scrolling ${SCROLL_MS / 1000} s at ${SPEED} px/s`,
    );
    console.log(
      `Machine: ${availableParallelism()} CPUs, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) at the end`,
    );
    console.log(
      markdownTable(
        [
          'large job',
          'idle: long tasks / longest / busy',
          'scrolling: frames per second',
          'scrolling: long tasks / longest / busy',
          'rows in the page',
        ],
        rows,
      ),
    );
  } finally {
    await browser.close();
    server.stop();
    clearTimeout(watchdog);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
