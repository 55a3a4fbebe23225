import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isJobIds, jobApiPath } from '../../common/contract.ts';

/** One servable file, held in memory with its precompressed forms (the build is small). */
export interface StaticFile {
  body: Buffer;
  br: Buffer | undefined;
  gzip: Buffer | undefined;
  type: string;
  etag: string;
  cacheControl: string;
  /** With source maps served: where this file's map is (the `SourceMap` header). */
  sourceMap?: string;
}

export interface StaticSite {
  /** By path below the base, e.g. `/assets/index-abc123.js`. */
  files: Map<string, StaticFile>;
  /** index.html with the base and public address written in: every page route gets it. */
  index: StaticFile;
  /**
   * The page for `path` (below the base): index.html, and for a job's address index.html
   * that also has the browser ask for the job's answer at once (`jobPreload`).
   */
  page(path: string): StaticFile;
  /**
   * The inline scripts of index.html as Content-Security-Policy sources (`'sha256-…'`): the
   * build writes one (src/first-status.ts), and the policy allows it by its hash alone.
   */
  inlineScripts: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return []; // .vite/manifest.json is for the build only
    const relative = `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The build uses a relative base (`./assets/…`), so one image serves any `BASE_PATH`: the
 * references in index.html are made absolute here, once, and the base and public address are
 * given to the app in meta tags (src/app/base.ts reads them). Scripts and styles load their
 * own imports relative to themselves.
 */
export function renderIndex(html: string, basePath: string, publicUrl: string | undefined): string {
  const meta =
    `<meta name="sfs-turbo-base" content="${escapeAttribute(basePath)}" />` +
    (publicUrl
      ? `<meta name="sfs-turbo-public-url" content="${escapeAttribute(publicUrl)}" />`
      : '');
  return html
    .replace(/(\s(?:src|href)=")\.\//g, `$1${basePath}`)
    .replace('</head>', `${meta}</head>`);
}

/** `'sha256-…'` of each inline `<script>` (one without `src`), as the browser hashes it. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, code = '']) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
  );
}

/** The job page's route, `/{region}/projects/{projectId}/jobs/{jobId}` (src/app/pages.tsx). */
const JOB_ROUTE = /^\/([^/]+)\/projects\/([^/]+)\/jobs\/([^/]+)\/?$/;

/**
 * A deep link to a job is what support staff open most, and its status waited for the
 * script to load and run before the job was even asked for. The server knows from the address
 * which job the page will ask for, so the page it serves starts that request at once
 * (`<link rel="preload" as="fetch">`), beside the scripts. The app's `fetch` of the same URL
 * takes the preloaded answer instead of asking again (src/lib/api-client.ts: same URL, mode
 * `cors`, credentials `same-origin`, no request headers of its own); the answer still comes
 * through the proxy and its checks, only earlier.
 *
 * Only IDs that match the contract's patterns (letters, digits, dashes) get a link, so nothing
 * the client wrote reaches the HTML but those characters; anything else gets the plain page,
 * which explains the malformed address without asking the cloud.
 */
export function jobPreload(path: string, basePath: string): string | undefined {
  const match = JOB_ROUTE.exec(path);
  if (!match) return undefined;
  const [, region = '', projectId = '', jobId = ''] = match;
  if (!isJobIds({ region, projectId, jobId })) return undefined;
  const href = `${basePath}${jobApiPath(region, projectId, jobId).slice(1)}`;
  // `crossorigin` (anonymous): mode `cors` with credentials `same-origin`, what `fetch()` uses
  // by default; without it the preload is a no-cors request the app's fetch cannot take over.
  return `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(href)}" />`;
}

/** Puts `tag` before the first script, so the request starts no later than the entry's. */
function withPreload(html: string, tag: string): string {
  const at = html.search(/<script[\s>]/);
  return at < 0
    ? html.replace('</head>', `${tag}</head>`)
    : `${html.slice(0, at)}${tag}${html.slice(at)}`;
}

/**
 * The job page with its style sheets inline. On a cold load the sheet (7 kB) shared the line
 * with the entry's 85 kB and arrived after the job's answer, and nothing is painted before
 * the style sheets: the status drawn from the answer (src/first-status.ts) waited for it. A
 * sheet inline comes with the page. The other pages keep the cached file. A sheet is left as
 * a link if it is not a file of the build, or holds what would end the `<style>` element.
 */
export function withInlineStyles(
  html: string,
  basePath: string,
  files: ReadonlyMap<string, StaticFile>,
): string {
  return html.replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (tag, href: string) => {
    if (!href.startsWith(basePath)) return tag;
    const css = files.get(`/${href.slice(basePath.length)}`)?.body.toString('utf8');
    return css === undefined || /<\/style/i.test(css) ? tag : `<style>${css}</style>`;
  });
}

function compressed(body: Buffer, quality: number = constants.BROTLI_MAX_QUALITY) {
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gzip = gzipSync(body, { level: quality === constants.BROTLI_MAX_QUALITY ? 9 : 6 });
  return {
    br: br.length < body.length ? br : undefined,
    gzip: gzip.length < body.length ? gzip : undefined,
  };
}

/**
 * Reads the build once at start. `.br` and `.gz` files written by the build (vite.config.ts
 * `precompress`) are attached to the file they compress; index.html, rewritten here, is
 * compressed here.
 *
 * Source maps are left out unless asked for (`serveSourceMaps`): they hand anyone the whole
 * commented source (1.7 MB) for nothing a user needs. The build writes them without a
 * `sourceMappingURL` comment (vite.config.ts, `sourcemap: 'hidden'`), so browsers do not ask
 * for them; when they are served, each script and style names its map in a `SourceMap`
 * header instead, which developer tools follow.
 */
export function loadStaticSite(
  distDir: string,
  basePath: string,
  publicUrl: string | undefined,
  options: { serveSourceMaps?: boolean } = {},
): StaticSite {
  let names: string[];
  try {
    names = listFiles(distDir);
  } catch {
    throw new Error(`No built app in ${distDir}: run \`npm run build\` first`);
  }
  const present = new Set(names);
  if (!present.has('/index.html')) {
    throw new Error(`No index.html in ${distDir}: run \`npm run build\` first`);
  }
  const files = new Map<string, StaticFile>();
  for (const name of names) {
    if (name.endsWith('.br') || name.endsWith('.gz') || name === '/index.html') continue;
    if (name.endsWith('.map') && !options.serveSourceMaps) continue;
    const full = path.join(distDir, name);
    const body = readFileSync(full);
    const variant = (suffix: string) =>
      present.has(`${name}${suffix}`) ? readFileSync(`${full}${suffix}`) : undefined;
    files.set(name, {
      body,
      br: variant('.br'),
      gzip: variant('.gz'),
      type: TYPES[path.extname(name)] ?? 'application/octet-stream',
      etag: etagOf(body),
      // Vite names everything under assets/ by its content hash; the rest keeps its name.
      cacheControl: name.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      ...(options.serveSourceMaps && present.has(`${name}.map`)
        ? { sourceMap: `${basePath}${name.slice(1)}.map` }
        : {}),
    });
  }
  const rendered = renderIndex(
    readFileSync(path.join(distDir, 'index.html'), 'utf8'),
    basePath,
    publicUrl,
  );
  const pageFile = (html: string, quality?: number): StaticFile => {
    const body = Buffer.from(html);
    return {
      body,
      ...compressed(body, quality),
      type: TYPES['.html'] ?? '',
      etag: etagOf(body),
      cacheControl: REVALIDATE,
    };
  };
  const index = pageFile(rendered);
  const jobPage = withInlineStyles(rendered, basePath, files);
  files.set('/index.html', index);
  files.set('/', index);
  return {
    files,
    index,
    inlineScripts: inlineScriptHashes(rendered),
    page(pagePath) {
      const preload = jobPreload(pagePath, basePath);
      // Made per request (a job's page is 2 kB, 33 kB with its styles): a fast brotli level
      // costs about a millisecond.
      return preload ? pageFile(withPreload(jobPage, preload), 5) : index;
    },
  };
}
