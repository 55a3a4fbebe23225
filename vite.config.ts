import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { rolldown, type OutputChunk } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';
import { parseBasePath } from './server/config/serving.ts';
import { sfsTurboDev } from './server/vite-plugin.ts';
import { precompress } from './vite.precompress.ts';

const host = process.env.HOST?.trim() || '127.0.0.1';
const port = Number(process.env.PORT) || 5173;
const allowedHosts = (process.env.SFS_TURBO_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

/**
 * The job page is what bookmarks and ticket links open: its route chunk (and what that chunk
 * imports) is preloaded from index.html, so it downloads beside the entry instead of after it;
 * main.tsx waits for it before the first render. (The lookup page's 3 kB are not worth adding to
 * every job page's first load: it is fetched when needed.)
 */
function preloadJobPage(): Plugin {
  return {
    name: 'preload-job-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const route = chunks.find((chunk) =>
          chunk.facadeModuleId?.endsWith('/src/features/job/job-page.tsx'),
        );
        const entry = chunks.find((chunk) => chunk.isEntry);
        if (!route || !entry) return;
        const loaded = new Set([entry.fileName, ...entry.imports]);
        const files = [route.fileName, ...route.imports].filter((file) => !loaded.has(file));
        const styles = [...(route.viteMetadata?.importedCss ?? [])];
        return [
          ...files.map((file) => ({ rel: 'modulepreload', crossorigin: true, href: `./${file}` })),
          ...styles.map((file) => ({
            rel: 'preload',
            as: 'style',
            crossorigin: true,
            href: `./${file}`,
          })),
        ].map((attrs) => ({ tag: 'link', attrs, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * What the browser has already when a chunk runs an `import()`: the entry, that chunk, and what
 * they import statically, scripts and styles. Vite lists these among the dependencies of every
 * `import()` to preload with it; the lists (in every chunk that loads code on demand, the first
 * load's among them) are shorter without them. Known once the bundle is: this `generateBundle`
 * runs before Vite's own, which resolves the lists.
 */
function loadedBefore(): { plugin: Plugin; has: (host: string, file: string) => boolean } {
  const closures = new Map<string, Set<string>>();
  return {
    has: (host, file) => closures.get(host)?.has(file) ?? false,
    plugin: {
      name: 'loaded-before',
      apply: 'build',
      generateBundle: {
        order: 'pre',
        handler(_options, bundle) {
          const chunks = new Map<string, OutputChunk>();
          for (const output of Object.values(bundle))
            if (output.type === 'chunk') chunks.set(output.fileName, output);
          const closureOf = (start: string[]) => {
            const seen = new Set<string>();
            const visit = (file: string) => {
              const chunk = chunks.get(file);
              if (!chunk || seen.has(file)) return;
              seen.add(file);
              for (const style of chunk.viteMetadata?.importedCss ?? []) seen.add(style);
              chunk.imports.forEach(visit);
            };
            start.forEach(visit);
            return seen;
          };
          const entries = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
          for (const file of chunks.keys()) closures.set(file, closureOf([...entries, file]));
        },
      },
    },
  };
}

/**
 * src/first-status.ts draws a job's status before the app's entry has loaded and run, so it is
 * built on its own (one small script holding what it imports, sharing no chunk with the app)
 * and written into index.html inline, in the head: it starts at once, with no request of its
 * own. The production server allows it by its hash (server/http/static-site.ts). The dev
 * server has no preloaded answer to draw, so it goes without.
 */
function firstStatus(): Plugin {
  const source = fileURLToPath(new URL('./src/first-status-main.ts', import.meta.url));
  let code = '';
  return {
    name: 'first-status',
    apply: 'build',
    async buildStart() {
      const bundle = await rolldown({ input: source, platform: 'browser' });
      try {
        const { output } = await bundle.generate({ format: 'iife', minify: true });
        code = output[0].code.trim();
      } finally {
        await bundle.close();
      }
      if (/<\/script|<!--/i.test(code)) throw new Error('first-status: the script would end early');
    },
    transformIndexHtml: {
      order: 'post',
      // Before the style sheet: a classic script after one waits for it to load before it runs.
      handler: (html) => html.replace('</title>', () => `</title>\n    <script>${code}</script>`),
    },
  };
}

const loaded = loadedBefore();

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    tailwindcss(),
    sfsTurboDev(),
    firstStatus(),
    preloadJobPage(),
    loaded.plugin,
    precompress(),
  ],
  // The build is relative (./assets/…), so one build serves any BASE_PATH: the production
  // server writes the base into index.html at start (server/http/static-site.ts). The dev
  // server serves under BASE_PATH directly.
  base: command === 'build' ? './' : parseBasePath(process.env.BASE_PATH),
  // react-router's package exports only its development build (warnings and their texts
  // included); its production build is the same API without them.
  resolve:
    command === 'build'
      ? {
          alias: [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(
                new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            },
          ],
        }
      : {},
  server: { host, port, strictPort: true, allowedHosts },
  // The manifest lets scripts/bundle-budget.mjs find what the job page loads first. Source
  // maps are written for developers and error reports, without a `sourceMappingURL` comment:
  // browsers would ask for a file the server does not serve unless SERVE_SOURCE_MAPS=1
  // (then it names each map in a `SourceMap` header, server/http/static-site.ts).
  // No module-preload polyfill: every browser the dashboard supports preloads modules itself.
  build: {
    // Six characters of content hash (36 bits) tell this build's few dozen files apart; the
    // default eight are random bytes that no compression removes, named many times over in
    // the first load's import lists (decision 0006).
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash:6].js',
        chunkFileNames: 'assets/[name]-[hash:6].js',
        assetFileNames: 'assets/[name]-[hash:6][extname]',
      },
    },
    sourcemap: 'hidden',
    manifest: true,
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostId, hostType }) =>
        hostType === 'js' ? deps.filter((dep) => !loaded.has(hostId, dep)) : deps,
    },
  },
}));
