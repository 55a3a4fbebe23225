import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { lazyComponent, usePreloadOnIdle } from '../lib/on-demand';
import { regionsQuery } from '../lib/regions-query';
import { AppLayout } from './app-layout';
import { BOARD_ROUTE, boardPage, JOB_ROUTE, jobPage, lookupPage } from './pages';
import { paths } from './paths';

// Declarative routes, each page its own chunk (pages.tsx).

// Under the layout's Suspense, like the pages.
const NotFoundPage = lazyComponent(
  () => import('./not-found-page'),
  (module) => module.NotFoundPage,
);

/** Region-less links (from older bookmarks or other tools) go to the default region. */
function DefaultRegionRedirect() {
  const { projectId = '', jobId = '' } = useParams();
  const { search } = useLocation();
  const { data, error } = useQuery(regionsQuery);
  if (error) throw error;
  if (!data) return <p role="status">Opening the job in the default region…</p>;
  const to = paths.job({ region: data.defaultRegion, projectId, jobId }) + search;
  return <Navigate to={to} replace />;
}

export function AppRoutes() {
  // Once the first page is on screen, fetch the job page's code, so that opening a job from
  // the lookup page does not wait for it.
  usePreloadOnIdle(jobPage.preload);
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<lookupPage.Page />} />
        <Route path={JOB_ROUTE} element={<jobPage.Page />} />
        <Route path={BOARD_ROUTE} element={<boardPage.Page />} />
        <Route path="projects/:projectId/jobs/:jobId" element={<DefaultRegionRedirect />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
