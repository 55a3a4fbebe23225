import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ROUTER_BASENAME } from '../lib/base-path';
import { RouteErrorBoundary } from './route-error-boundary';
import { AppRoutes } from './router';

/** The query client is made before the first render (src/main.tsx), which asks it for the page's data. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      {/* Without transitions, a page whose code is still loading shows its fallback at once
          rather than leaving the previous page on screen with no sign of progress. */}
      <BrowserRouter basename={ROUTER_BASENAME} useTransitions={false}>
        <RouteErrorBoundary>
          <AppRoutes />
        </RouteErrorBoundary>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
