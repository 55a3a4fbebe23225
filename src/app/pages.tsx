import type { QueryClient } from '@tanstack/react-query';
import { lazy, useState, type ComponentType } from 'react';
import { matchPath } from 'react-router';

// Declarative routes, each page its own chunk. The data router (createBrowserRouter) would
// add about 16 kB gzipped to every first load for loaders and actions this app does not use;
// the one redirect (router.tsx) reads the region list through react-query instead (decision 0006).
export const lookupPage = lazyPage(
  () => import('../features/lookup/lookup-page'),
  (m) => m.LookupPage,
);
export const jobPage = lazyPage(
  () => import('../features/job/job-page'),
  (m) => m.JobPage,
);
export const boardPage = lazyPage(
  () => import('../features/board/board-page'),
  (m) => m.BoardPage,
);
export const BOARD_ROUTE = 'board';
export const JOB_ROUTE = ':region/projects/:projectId/jobs/:jobId';

/**
 * A page loaded on demand, which can also be loaded before it is first drawn: `main.tsx` does
 * so for the page in the address, so that a deep link's first frame is that page and not the
 * "Loading the page…" fallback (one render and one paint fewer on every bookmark).
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  let loaded: ComponentType | undefined;
  const fetchPage = async () => {
    const module = await load();
    loaded = pick(module);
    return module;
  };
  const Lazy = lazy(async () => ({ default: pick(await fetchPage()) }));
  function Page() {
    // Chosen once per mount: switching from Lazy to the loaded component would remount it.
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  }
  return { Page, preload: fetchPage };
}

/**
 * Loads the code of the page at `pathname`, if it has its own chunk, and on a job's page its
 * answer (for a moment: see `firstAnswer`); never rejects.
 */
export async function preloadPage(pathname: string, queryClient: QueryClient): Promise<void> {
  const job = matchPath(`/${JOB_ROUTE}`, pathname);
  const page =
    pathname === '/'
      ? lookupPage
      : pathname === `/${BOARD_ROUTE}`
        ? boardPage
        : job
          ? jobPage
          : undefined;
  // A chunk that fails to load fails again in React.lazy, where the error boundary explains it.
  await page?.preload().catch(() => undefined);
  if (job) {
    await jobPage
      .preload()
      .then((module) => module.firstAnswer(job.params, queryClient))
      .catch(() => undefined);
  }
  // A board's rows open job pages, and index.html has preloaded that page's code and style
  // (Chromium warns about a preload left unused): take it into use at once.
  if (page === boardPage) await jobPage.preload().catch(() => undefined);
}
