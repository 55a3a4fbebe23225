import { createBrowserRouter, createMemoryRouter, redirect, type RouteObject } from 'react-router';
import { fetchRegions } from '../lib/api-client';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { paths } from './paths';
import { RouteError } from './route-error';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    // Shown while the first route's code loads; the layout itself renders at once after.
    hydrateFallbackElement: <p className="p-6 text-ink-muted">Loading the dashboard…</p>,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../features/lookup/lookup-page')).LookupPage }),
          },
          {
            path: ':region/projects/:projectId/jobs/:jobId',
            lazy: async () => ({ Component: (await import('../features/job/job-page')).JobPage }),
          },
          {
            // Region-less links (from older bookmarks or other tools) go to the default region.
            path: 'projects/:projectId/jobs/:jobId',
            loader: async ({ params, request }) => {
              const { defaultRegion } = await fetchRegions(request.signal);
              const search = new URL(request.url).search;
              return redirect(
                paths.job({ region: defaultRegion, projectId: params.projectId ?? '', jobId: params.jobId ?? '' }) + search,
              );
            },
            Component: () => <p role="status">Opening the job in the default region…</p>,
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export function createTestRouter(initialPath: string) {
  return createMemoryRouter(routes, { initialEntries: [initialPath] });
}
