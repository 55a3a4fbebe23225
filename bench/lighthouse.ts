/**
 * Lighthouse 12 against the local Chromium, as `npm run bench` uses it: its default mobile
 * settings (simulated slow 4G and a 4× slower CPU) or its desktop preset (fast network, no CPU
 * slowdown). Each run gets a fresh browser; a run that
 * Lighthouse itself reports as broken (a trace without a navigation start, say) is repeated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';

const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Milliseconds. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** The LCP element, as Lighthouse names it. */
  lcpElement: string | undefined;
  /** Audits below full marks in the three categories, for the report. */
  shortfalls: string[];
  /**
   * Lighthouse's measure of this machine's CPU speed. Its 4× mobile CPU slowdown assumes a
   * fast desktop (an index of about 1,500 or more); on a slower host the results are harsher.
   */
  benchmarkIndex: number;
}

export interface LighthouseOptions {
  chromePath: string;
  preset?: 'mobile' | 'desktop';
  /** Called before each run, e.g. to put a live demo job back at its start. */
  beforeRun?: () => Promise<void>;
  attempts?: number;
}

export async function lighthouseOnce(
  url: string,
  options: LighthouseOptions,
): Promise<LighthouseRun> {
  const attempts = options.attempts ?? 3;
  let lastError = 'no run';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    await options.beforeRun?.();
    const chrome = await chromeLauncher.launch({
      chromePath: options.chromePath,
      chromeFlags: CHROME_FLAGS,
    });
    try {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        },
        options.preset === 'desktop' ? desktopConfig : undefined,
      );
      const lhr = result?.lhr;
      if (!lhr) {
        lastError = 'Lighthouse returned no result';
        continue;
      }
      if (lhr.runtimeError) {
        lastError = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`;
        continue;
      }
      // For a closer look at a run: LH_SAVE=/tmp/lhr keeps each report as JSON there.
      if (process.env.LH_SAVE) {
        await mkdir(process.env.LH_SAVE, { recursive: true });
        await writeFile(join(process.env.LH_SAVE, `lhr-${Date.now()}.json`), JSON.stringify(lhr));
      }
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      const lcpDetails = lhr.audits['largest-contentful-paint-element']?.details as
        { items?: { items?: { node?: { snippet?: string; nodeLabel?: string } }[] }[] } | undefined;
      const node = lcpDetails?.items?.[0]?.items?.[0]?.node;
      const shortfalls = Object.values(lhr.categories).flatMap((category) =>
        category.auditRefs
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit && audit.score !== null && audit.score < 1)
          .map((audit) => `${category.id}: ${audit!.id} ${audit!.displayValue ?? ''}`.trim()),
      );
      return {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
        cls: value('cumulative-layout-shift'),
        lcpElement: node ? `${node.nodeLabel ?? ''} ${node.snippet ?? ''}`.trim() : undefined,
        shortfalls,
        benchmarkIndex: lhr.environment.benchmarkIndex,
      };
    } finally {
      await chrome.kill();
    }
  }
  throw new Error(`Lighthouse failed ${attempts} times; last: ${lastError}`);
}

/** The run with the median performance score (Lighthouse's own advice for noisy machines). */
export function medianRun(runs: LighthouseRun[]): LighthouseRun {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcp - b.lcp);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
