/**
 * `npm run bench:board`: the incident board with 50 jobs (40 running at ages from 10 s to
 * 40 min, 10 finished), served as `npm start` serves it (the production server over `dist/`, embedded
 * simulator), in Chromium. Prints one table:
 * - first render: from navigation until all 50 rows show an answer (median of RUNS loads);
 * - cost of one job's poll over a minute of polling: main-thread time (CDP TaskDuration) per
 *   answer, and board rows whose DOM changed per answer (1 means only the polled row);
 * - requests in flight over that minute (browser side): peak, mean, total, per second, and
 *   requests to finished jobs after their first answer (must be 0).
 * Loopback only; the server and browser stop at the end; the whole run is bounded to 6 min.
 *
 *   npm run bench:board   (RUNS=3, MINUTE_MS=60000; BENCH_PORT, BENCH_SIMULATOR_PORT: fixed ports;
 *                          DIST: the build to serve, default dist)
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { DEMO_PROJECT_ID } from '../server/simulator/simulator.ts';
import { startProductionServer } from './production-server.ts';
import { markdownTable } from './table.ts';

const RUNS = Number(process.env.RUNS) || 3;
const MINUTE_MS = Number(process.env.MINUTE_MS) || 60_000;
const JOBS = 50;
const FINISHED = 10;

const watchdog = setTimeout(() => {
  console.error('bench:board: still running after 6 minutes, stopping');
  process.exit(1);
}, 6 * 60_000);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const server = await startProductionServer({
    ...(process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) } : {}),
    ...(process.env.BENCH_SIMULATOR_PORT
      ? { simulatorPort: Number(process.env.BENCH_SIMULATOR_PORT) }
      : {}),
  });
  const { base, control: post } = server;
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    executablePath: chromiumExecutable() ?? chromium.executablePath(),
  });
  try {
    const setUp = async () => {
      await post('/__simulator/reset');
      const refs: string[] = [];
      for (let i = 0; i < JOBS; i += 1) {
        const jobId = `bench-board-${String(i).padStart(2, '0')}-0000`;
        const finished = i < FINISHED;
        const start = -(10_000 + i * 50_000);
        await post(
          '/__simulator/jobs',
          finished
            ? { jobId, jobType: 'create_share', start: -3_600_000, duration: 60_000 }
            : { jobId, jobType: 'extend_share', start, status: 'running' },
        );
        refs.push(`eu-de/${DEMO_PROJECT_ID}/${jobId}`);
      }
      return `${base}/board?jobs=${refs.join(',')}&title=Bench`;
    };

    const firstRender: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const url = await setUp();
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(url);
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('li[data-board-row]:not([data-status="loading"])').length ===
          count,
        JOBS,
        { timeout: 60_000 },
      );
      firstRender.push(await page.evaluate(() => performance.now()));
      await page.close();
    }

    // A minute of polling, measured.
    const url = await setUp();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let inFlight = 0;
    let peak = 0;
    const sent: { job: string; at: number }[] = [];
    const isJob = (u: string) => u.includes('/sfs-turbo/jobs/');
    page.on('request', (request) => {
      if (!isJob(request.url())) return;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      sent.push({ job: request.url().split('/').at(-1) ?? '', at: Date.now() });
    });
    const done = (request: { url(): string }) => {
      if (isJob(request.url())) inFlight -= 1;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await page.goto(url);
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll('li[data-board-row]:not([data-status="loading"])').length ===
        count,
      JOBS,
    );
    await page.evaluate(() => {
      const w = window as unknown as { __rowsTouched: number };
      w.__rowsTouched = 0;
      new MutationObserver((records) => {
        // The elapsed time of running jobs ticks every second on its own: not a poll's work.
        const changed = records
          .map((r) => (r.target instanceof Element ? r.target : r.target.parentElement))
          .filter((el) => el && !el.closest('[data-ticking]'));
        const rows = new Set(
          changed.map((el) => el?.closest('li[data-board-row]')).filter(Boolean),
        );
        w.__rowsTouched += rows.size;
      }).observe(document.querySelector('ol[aria-label="Jobs of the incident"]') as Node, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    const metric = async (name: string) =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ??
        0) * 1000;
    const startedAt = Date.now();
    const sentBefore = sent.length;
    const taskBefore = await metric('TaskDuration');
    const scriptBefore = await metric('ScriptDuration');
    const samples: number[] = [];
    while (Date.now() - startedAt < MINUTE_MS) {
      samples.push(inFlight);
      await new Promise((r) => setTimeout(r, 100));
    }
    const taskMs = (await metric('TaskDuration')) - taskBefore;
    const scriptMs = (await metric('ScriptDuration')) - scriptBefore;
    const answers = sent.length - sentBefore;
    const touched = await page.evaluate(
      () => (window as unknown as { __rowsTouched: number }).__rowsTouched,
    );
    const finishedIds = new Set(
      Array.from({ length: FINISHED }, (_, i) => `bench-board-${String(i).padStart(2, '0')}-0000`),
    );
    const finishedAgain = sent.filter((r) => finishedIds.has(r.job)).length - FINISHED;
    await page.close();

    const rows = [
      [
        'first render: all 50 rows answered, median of ' + RUNS,
        `${Math.round(median(firstRender))} ms`,
      ],
      [
        'main thread busy per second (polls, 1 s ticks of 40 elapsed times, axis)',
        `${(taskMs / (MINUTE_MS / 1000)).toFixed(1)} ms`,
      ],
      ['of which script', `${(scriptMs / (MINUTE_MS / 1000)).toFixed(1)} ms`],
      [
        'one job poll: main-thread time per answer (upper bound: all of the above / answers)',
        `${(taskMs / Math.max(1, answers)).toFixed(1)} ms`,
      ],
      [
        'one job poll: board rows whose DOM changed per answer (ticking times excluded)',
        (touched / Math.max(1, answers)).toFixed(2),
      ],
      [`requests in ${MINUTE_MS / 1000} s (40 live jobs)`, String(answers)],
      ['requests per second', (answers / (MINUTE_MS / 1000)).toFixed(2)],
      ['requests in flight: peak (limit 4)', String(peak)],
      [
        'requests in flight: mean',
        (samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)).toFixed(2),
      ],
      ['requests to finished jobs after their first answer', String(finishedAgain)],
    ];
    console.log(markdownTable(['board (50 jobs)', 'value'], rows));
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
