#!/usr/bin/env node
/**
 * `npm run budget` (and `npm test`, right after the build): the gzipped JavaScript a browser
 * must load before it can show a job page opened from a link: the entry chunk and everything
 * it imports statically, plus the job page's route chunk and everything that imports
 * statically. Chunks loaded on demand (the lookup page, the PNG export library) do not count.
 * Read from the build's manifest (vite.config.ts sets build.manifest), compressed here as the
 * production server sends it: brotli at quality 11 (what browsers get) beside gzip at level 9.
 *
 * Prints the size of each chunk; exits 1 when the total is over the budget.
 *   node scripts/bundle-budget.mjs [--dist dist] [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The one place the budget is set, in kB of 1,000 bytes as Vite prints them. Decision 0006
 * explains the figures: react-dom, React and the scheduler are about 61 kB br of the 100, the
 * router 11 kB, TanStack Query 9 kB, valibot 2 kB.
 */
export const BUDGET_KB = 115;

/** What a browser transfers: brotli, as precompressed by the build (decision 0009). Issue 20. */
export const BROTLI_BUDGET_KB = 100;

/**
 * The script written inline into index.html (src/first-status.ts, the job's status drawn before
 * the entry has loaded): every page carries it, so it has a budget of its own, in kB br.
 */
export const INLINE_BUDGET_KB = 2;

const JOB_PAGE_SOURCE = 'src/features/job/job-page.tsx';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, json: { type: 'boolean', default: false } },
});
const dist = path.resolve(values.dist);
const manifestPath = path.join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(
    `bundle-budget: ${path.relative(process.cwd(), manifestPath)} is missing; run \`npm run build\` first`,
  );
  process.exit(2);
}
/** @type {Record<string, { file: string; name?: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entryKey || !manifest[JOB_PAGE_SOURCE]) {
  console.error(`bundle-budget: the manifest has no ${entryKey ? JOB_PAGE_SOURCE : 'entry'} chunk`);
  process.exit(2);
}

/** Keys of a chunk and its static imports, depth first, each once. */
function withStaticImports(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) withStaticImports(imported, seen);
  return seen;
}

const entryKeys = withStaticImports(entryKey);
const routeKeys = [...withStaticImports(JOB_PAGE_SOURCE)].filter((key) => !entryKeys.has(key));
const firstLoad = new Set([...entryKeys, ...routeKeys]);

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const gz = (file) => sizes(readFileSync(path.join(dist, file)));

const rows = [];
for (const key of firstLoad) {
  const chunk = manifest[key];
  rows.push({
    file: chunk.file,
    role: entryKeys.has(key)
      ? key === entryKey
        ? 'entry'
        : 'imported by the entry'
      : key === JOB_PAGE_SOURCE
        ? 'job page route'
        : 'imported by the route',
    counted: true,
    ...gz(chunk.file),
  });
}
// Everything else the build made, for the record.
for (const [key, chunk] of Object.entries(manifest)) {
  if (firstLoad.has(key) || !chunk.file.endsWith('.js')) continue;
  rows.push({
    file: chunk.file,
    role: `on demand (${chunk.name ?? key})`,
    counted: false,
    ...gz(chunk.file),
  });
}
// The inline script, counted against a budget of its own.
const inline = [
  ...readFileSync(path.join(dist, 'index.html'), 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g),
]
  .map(([, code]) => sizes(Buffer.from(code)))
  .reduce(
    (sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, br: sum.br + size.br }),
    {
      raw: 0,
      gzip: 0,
      br: 0,
    },
  );
rows.push({ file: 'index.html <script>', role: 'inline, first status', counted: false, ...inline });
const css = [...firstLoad].flatMap((key) => manifest[key]?.css ?? []);
const cssGzip = [...new Set(css)].reduce((sum, file) => sum + gz(file).gzip, 0);

const totalGzip = rows.filter((row) => row.counted).reduce((sum, row) => sum + row.gzip, 0);
const totalBrotli = rows.filter((row) => row.counted).reduce((sum, row) => sum + row.br, 0);
const kb = (bytes) => (bytes / 1000).toFixed(2);
const inlineOver = inline.br > INLINE_BUDGET_KB * 1000;
const over = totalGzip > BUDGET_KB * 1000 || totalBrotli > BROTLI_BUDGET_KB * 1000 || inlineOver;

if (values.json) {
  console.log(
    JSON.stringify({
      budgetKb: BUDGET_KB,
      brotliBudgetKb: BROTLI_BUDGET_KB,
      inlineBudgetKb: INLINE_BUDGET_KB,
      inlineBrotli: inline.br,
      totalGzip,
      totalBrotli,
      cssGzip,
      over,
      chunks: rows,
    }),
  );
} else {
  const widths = [
    Math.max(...rows.map((row) => row.file.length)),
    Math.max(...rows.map((row) => row.role.length)),
  ];
  console.log(
    'JavaScript the job page loads first (brotli q11 and gzip -9), and the chunks it loads only on demand:',
  );
  for (const row of rows) {
    console.log(
      `  ${row.file.padEnd(widths[0])}  ${row.role.padEnd(widths[1])}  ${kb(row.raw).padStart(8)} kB  ${kb(row.br).padStart(7)} kB br  ${kb(row.gzip).padStart(7)} kB gz`,
    );
  }
  console.log(`  first-load CSS (not counted): ${kb(cssGzip)} kB gz`);
  console.log(
    `Inline script in index.html: ${kb(inline.br)} kB br of a ${INLINE_BUDGET_KB} kB budget${inlineOver ? ': OVER BUDGET' : ''}`,
  );
  console.log(
    `Job page first load: ${kb(totalBrotli)} kB br of a ${BROTLI_BUDGET_KB} kB budget, ${kb(totalGzip)} kB gz of a ${BUDGET_KB} kB budget${over ? ': OVER BUDGET' : ''}`,
  );
}
if (inlineOver) {
  console.error(
    `bundle-budget: index.html's inline script (src/first-status.ts) is ${kb(inline.br)} kB in brotli (budget ${INLINE_BUDGET_KB} kB): every page carries it; keep it to drawing the status.`,
  );
}
if (over) {
  console.error(
    `bundle-budget: the job page's first-load JavaScript is ${kb(totalBrotli)} kB in brotli (budget ${BROTLI_BUDGET_KB} kB), ${kb(totalGzip)} kB gzipped (budget ${BUDGET_KB} kB). ` +
      'Find what grew (rebuild and compare the chunks above; the source maps in dist/ name the modules) and load it on demand or drop it; ' +
      'raise a budget in scripts/bundle-budget.mjs only with a reason in docs/decisions/0006-first-load-budget.md.',
  );
  process.exit(1);
}
