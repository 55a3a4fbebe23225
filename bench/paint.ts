/**
 * "Navigation to the job's status word painted", as support staff feel it: a real Chromium
 * (Playwright) with DevTools network and CPU emulation, a deep link to a running demo job,
 * cold cache (a fresh browser context) and warm cache (the same link again, in that context).
 *
 * The time is the paint of the status word (Element Timing, measured from the navigation's
 * start), whichever comes first: the one drawn before the app's script from the preloaded
 * answer (src/first-status.ts), or the job card's: the bench marks the word with `elementtiming` the moment it enters the
 * page, before its first paint, so the app carries nothing for the bench. The simulator is
 * reset before each load, so the job is live and its status is "Running".
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';

export interface Profile {
  name: string;
  /** Bits per second, down and up. */
  down: number;
  up: number;
  /** Added to every request, ms (DevTools' latency). */
  latency: number;
  cpu: number;
}

export const PROFILES: Profile[] = [
  { name: 'office', down: 10_000_000, up: 5_000_000, latency: 40, cpu: 1 },
  { name: 'remote', down: 1_600_000, up: 750_000, latency: 150, cpu: 4 },
];

export interface PaintResult {
  profile: string;
  cache: 'cold' | 'warm';
  /** Milliseconds from navigation start to the status word painted, one per run. */
  runs: number[];
  median: number;
  /** Bytes over the wire in the median run. */
  bytes: number;
}

// Runs in the page before any of its scripts.
const INIT = `(() => {
  window.__statusPaint = undefined;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // The first status word painted: the early one, when there is one, not the card's after it.
      if (entry.identifier === 'job-status') window.__statusPaint ??= entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
  const mark = () => {
    const word = document.querySelector(
      '[data-first-status] [data-status] > span:not([aria-hidden]), [data-ticket-card] [data-status] > span:not([aria-hidden])',
    );
    if (word && !word.hasAttribute('elementtiming')) word.setAttribute('elementtiming', 'job-status');
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function loadOnce(
  browser: Browser,
  url: string,
  profile: Profile,
  reset: () => Promise<void>,
): Promise<{ cold: { ms: number; bytes: number }; warm: { ms: number; bytes: number } }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    await context.addInitScript(INIT);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.down / 8,
      uploadThroughput: profile.up / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    const load = async () => {
      await reset();
      bytes = 0;
      await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
      const handle = await page.waitForFunction(
        () => (window as unknown as { __statusPaint?: number }).__statusPaint,
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      const ms = (await handle.jsonValue()) as number;
      // The answers that follow the paint (polls) are not the load's.
      return { ms, bytes };
    };
    const cold = await load();
    const warm = await load();
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** `runs` loads per profile, each cold then warm; medians per profile and cache state. */
export async function measurePaint(options: {
  url: string;
  chromePath: string | undefined;
  runs: number;
  reset: () => Promise<void>;
  log: (line: string) => void;
}): Promise<PaintResult[]> {
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(options.chromePath ? { executablePath: options.chromePath } : {}),
  });
  try {
    const results: PaintResult[] = [];
    for (const profile of PROFILES) {
      const cold: { ms: number; bytes: number }[] = [];
      const warm: { ms: number; bytes: number }[] = [];
      for (let i = 1; i <= options.runs; i += 1) {
        const run = await loadOnce(browser, options.url, profile, options.reset);
        options.log(
          `  ${profile.name} run ${i}: cold ${Math.round(run.cold.ms)} ms, warm ${Math.round(run.warm.ms)} ms`,
        );
        cold.push(run.cold);
        warm.push(run.warm);
      }
      for (const [cache, list] of [
        ['cold', cold],
        ['warm', warm],
      ] as const) {
        const runs = list.map((run) => run.ms);
        const mid = median(runs);
        const closest = list.reduce((best, run) =>
          Math.abs(run.ms - mid) < Math.abs(best.ms - mid) ? run : best,
        );
        results.push({ profile: profile.name, cache, runs, median: mid, bytes: closest.bytes });
      }
    }
    return results;
  } finally {
    await browser.close();
  }
}
