import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadPage } from './app/pages';
import { createQueryClient } from './app/query-client';
import { pathBelowBase } from './lib/base-path';
import { regionsQuery } from './lib/regions-query';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);
const queryClient = createQueryClient();
// Every page reads the region list (names, the simulated-data badge): asked for now, beside the
// page's code, rather than after the first render.
void queryClient.prefetchQuery(regionsQuery);

// The page's own code first (index.html preloads the job page's chunk, so this rarely waits)
// and, on a job's page, its answer (preloaded by the server's page too), then the first render
// as a transition: React draws it in slices of a few milliseconds instead of one long task, so
// the page answers input while it is being built.
void preloadPage(pathBelowBase(window.location.pathname), queryClient).then(() => {
  startTransition(() => {
    root.render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  });
});
