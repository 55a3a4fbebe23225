/**
 * Renders the timeline in Chromium with 10, 100 and 1,000 sub-jobs and prints, per size,
 * the median over several fresh page loads of:
 * - first render, from the moment the job's data reaches an already rendered page shell (as
 *   in the app, where "Asking SFS Turbo…" is on screen first): React render + commit of
 *   the timeline's first screenful (synchronous), until that
 *   frame is painted (style, layout, paint included), until every row is drawn (the rest
 *   come in background steps), and the longest main-thread task meanwhile (≥ 50 ms tasks
 *   only, as the Long Tasks API reports them; 0 means none);
 * - a refetch that changes nothing (react-query structural sharing keeps the job object):
 *   the JavaScript it costs (fetch function, JSON parse, sharing, React) and until painted;
 * - the same for a refetch in which one running sub-job finished;
 * and how many timeline rows React rendered in each case.
 *
 * A small page is built with Vite (production React) into a temporary directory under
 * `.bench/`: the real `Timeline` inside react-query and react-router, with the row component
 * wrapped to count its renders.
 * It is served on loopback only; everything is bounded in time and cleaned up.
 *
 *   npm run bench:timeline            (RUNS=7 SIZES=10,100,1000 to change the defaults)
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { markdownTable } from './table.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SIZES = (process.env.SIZES ?? '10,100,1000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const DEADLINE_MS = 5 * 60_000;

interface RunResult {
  firstCommitMs: number;
  firstPaintMs: number;
  allRowsMs: number;
  longestTaskMs: number;
  firstRows: number;
  sameScriptMs: number;
  samePaintMs: number;
  sameRows: number;
  oneScriptMs: number;
  onePaintMs: number;
  oneRows: number;
}

function entrySource(dir: string): string {
  const from = (path: string) => relative(dir, join(ROOT, path)).replaceAll('\\', '/');
  return `
import { notifyManager, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createElement as h, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { BENCH_NOW, benchJob, benchJobAfterOneChange } from '${from('bench/timeline-data.ts')}';
import { Timeline } from '${from('src/features/job/timeline/timeline.tsx')}';
import { rowRenders } from './counted-row.tsx';
import './bench.css';

// A frozen clock: the only renders measured are those the data causes.
Date.now = () => BENCH_NOW;
// react-query notifies on a timer by default; here at once, so a refetch's render is
// finished when the refetch's promise settles and its JavaScript cost can be timed.
notifyManager.setScheduler((callback) => callback());
const frame = () => new Promise((done) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => done(undefined);
  channel.port2.postMessage(0);
}));

let body = '';
let received = 0;
const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false } } });
const key = ['job', 'bench'];
// As the real client does: a fresh parse of the body on every fetch.
const fetchJob = async () => ({ job: JSON.parse(body), receivedAt: ++received });

function Page() {
  const query = useQuery({ queryKey: key, queryFn: fetchJob });
  // Read like the job page does, so the page itself re-renders on every refetch.
  void query.dataUpdatedAt; void query.isFetching;
  return query.data ? h(Timeline, { job: query.data.job, zone: 'utc' }) : null;
}
// The page shell renders first, as in the app ("Asking SFS Turbo…"), then the job arrives.
let showJob = () => {};
function Shell() {
  const [shown, setShown] = useState(false);
  showJob = () => setShown(true);
  return shown ? h(Page) : h('p', null, 'Asking SFS Turbo for the job…');
}
const router = createMemoryRouter([{ path: '*', element: h(Shell) }]);

async function refetch() {
  await frame();
  rowRenders.count = 0;
  const start = performance.now();
  await client.refetchQueries({ queryKey: key });
  await new Promise((done) => queueMicrotask(() => done(undefined)));
  const scriptMs = performance.now() - start;
  await frame();
  return { scriptMs, paintMs: performance.now() - start, rows: rowRenders.count };
}

let longestTask = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
}).observe({ type: 'longtask' });

window.__bench = async (n) => {
  body = JSON.stringify(benchJob(n));
  client.setQueryData(key, await fetchJob());
  const root = createRoot(document.getElementById('root'));
  flushSync(() => root.render(h(QueryClientProvider, { client }, h(RouterProvider, { router }))));
  await frame();
  rowRenders.count = 0;
  longestTask = 0;
  const start = performance.now();
  flushSync(() => showJob());
  const firstCommitMs = performance.now() - start;
  await frame();
  const firstPaintMs = performance.now() - start;
  // The rest of the rows are drawn in background steps; wait until all are on the page.
  while (document.querySelectorAll('#root li[data-status]').length < n + 1) {
    if (performance.now() - start > 60_000) throw new Error('rows never all drawn');
    await frame();
  }
  const allRowsMs = performance.now() - start;
  const firstRows = rowRenders.count;
  await new Promise((done) => setTimeout(done, 100));
  const longestTaskMs = longestTask;
  const same = await refetch();
  body = JSON.stringify(benchJobAfterOneChange(n));
  const one = await refetch();
  return {
    firstCommitMs, firstPaintMs, allRowsMs, longestTaskMs, firstRows,
    sameScriptMs: same.scriptMs, samePaintMs: same.paintMs, sameRows: same.rows,
    oneScriptMs: one.scriptMs, onePaintMs: one.paintMs, oneRows: one.rows,
  };
};
`;
}

/** The real row components, wrapped with their own memo comparison, counting renders. */
function countedRowSource(dir: string): string {
  const real = (file: string) =>
    relative(dir, join(ROOT, 'src/features/job/timeline', file)).replaceAll('\\', '/');
  return `
import { createElement, memo } from 'react';
import * as actual from '${real('timeline-row.tsx')}';
import * as compact from '${real('compact-row.tsx')}';
export const rowRenders = { count: 0 };
const counted = (inner) => memo((props) => { rowRenders.count += 1; return createElement(inner.type, props); }, inner.compare);
export const TimelineRow = counted(actual.TimelineRow);
export const CompactRow = counted(compact.CompactRow);
`;
}

/** Sends the timeline's own row imports (comfortable and compact) to the counting wrappers. */
function countRows(countedPath: string): Plugin {
  return {
    name: 'bench-count-rows',
    enforce: 'pre',
    resolveId(source, importer) {
      if (
        (source === './timeline-row' || source === './compact-row') &&
        importer?.endsWith('/timeline/timeline.tsx')
      )
        return countedPath;
      return null;
    },
  };
}

async function buildPage(dir: string): Promise<string> {
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>timeline bench</title></head>
<body class="bg-surface text-ink"><main class="mx-auto w-full max-w-6xl px-4 py-5"><div id="root"></div></main>
<script type="module" src="./entry.tsx"></script></body></html>`,
  );
  await writeFile(join(dir, 'entry.tsx'), entrySource(dir));
  await writeFile(join(dir, 'counted-row.tsx'), countedRowSource(dir));
  const css = relative(dir, join(ROOT, 'src/styles/index.css')).replaceAll('\\', '/');
  await writeFile(
    join(dir, 'bench.css'),
    `@import '${css}';\n@source '${relative(dir, join(ROOT, 'src')).replaceAll('\\', '/')}';\n`,
  );
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    plugins: [countRows(join(dir, 'counted-row.tsx')), react(), tailwindcss()],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (data) =>
        response
          .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(data),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main() {
  await mkdir(join(ROOT, '.bench'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, '.bench', 'timeline-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  const deadline = setTimeout(() => {
    console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(2);
  }, DEADLINE_MS);
  try {
    const outDir = await buildPage(dir);
    const served = await serve(outDir);
    server = served.server;
    const executablePath = chromiumExecutable();
    browser = await chromium.launch({
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const rows: string[][] = [];
    for (const n of SIZES) {
      const results: RunResult[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const page = await context.newPage();
        page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
        await page.goto(served.url);
        await page.waitForFunction(
          () => typeof (window as { __bench?: unknown }).__bench === 'function',
        );
        results.push(
          await page.evaluate(
            (size) =>
              (window as unknown as { __bench: (n: number) => Promise<RunResult> }).__bench(size),
            n,
          ),
        );
        await page.close();
      }
      const m = (pick: (r: RunResult) => number) => median(results.map(pick)).toFixed(1);
      const count = (pick: (r: RunResult) => number) => String(median(results.map(pick)));
      rows.push([
        String(n),
        m((r) => r.firstCommitMs),
        m((r) => r.firstPaintMs),
        m((r) => r.allRowsMs),
        m((r) => r.longestTaskMs),
        count((r) => r.firstRows),
        m((r) => r.sameScriptMs),
        m((r) => r.samePaintMs),
        count((r) => r.sameRows),
        m((r) => r.oneScriptMs),
        m((r) => r.onePaintMs),
        count((r) => r.oneRows),
      ]);
    }
    const header = [
      'sub-jobs',
      'first render: commit ms',
      'painted ms',
      'all rows drawn ms',
      'longest task ms',
      'rows',
      'no-change refetch: script ms',
      'to paint ms',
      'rows',
      'one sub-job changed: script ms',
      'to paint ms',
      'rows',
    ];
    console.log(
      `Timeline in Chromium ${browser.version()}, viewport 1366×768, median of ${RUNS} fresh page loads`,
    );
    console.log(
      `Machine: ${availableParallelism()} CPUs, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) at the end`,
    );
    console.log(markdownTable(header, rows, 'right'));
  } finally {
    clearTimeout(deadline);
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
