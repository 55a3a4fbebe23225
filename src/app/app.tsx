import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { ROUTER_BASENAME } from '../lib/base-path';
import { createQueryClient } from './query-client';
import { RouteErrorBoundary } from './route-error-boundary';
import { AppRoutes } from './router';

export function App() {
  const [queryClient] = useState(() => createQueryClient());
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
