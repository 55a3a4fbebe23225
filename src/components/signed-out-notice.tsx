import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LogIn } from 'lucide-react';
import { useEffect } from 'react';
import { useHref, useLocation } from 'react-router';
import { sessionQuery, signInHref } from '../lib/session-query';

/**
 * The dashboard server answered 401 PROXY.UNAUTHENTICATED: the session ended. Polling has
 * stopped (a 401 is not retried); whatever is on screen stays, marked as from before.
 */
export function SignedOutNotice({ stale }: { stale: boolean }) {
  const queryClient = useQueryClient();
  const { data: session } = useQuery(sessionQuery);
  // The header must stop naming the user: ask the server again (it now answers 401).
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  }, [queryClient]);
  const location = useLocation();
  // With the router's base path: the server expects the full path of this page.
  const here = useHref({ pathname: location.pathname, search: location.search });
  const Heading = stale ? 'h2' : 'h1';
  return (
    <section
      role="alert"
      aria-labelledby="signed-out-title"
      data-failure-kind="signed-out"
      className="rounded-card border-2 border-dashed border-status-waiting bg-panel p-5"
    >
      <Heading id="signed-out-title" className="flex items-center gap-2 text-lg font-semibold">
        <LogIn className="size-5" aria-hidden />
        You are signed out
      </Heading>
      <p className="mt-1 text-sm">
        Your session with the dashboard has ended, so it stopped asking for updates.
        {stale ? ' The job data below is from before and may be out of date.' : ''}
      </p>
      <a
        href={signInHref(session?.loginUrl, here)}
        className="mt-3 inline-flex h-9 items-center gap-1.5 rounded-md bg-accent px-3 text-sm font-medium text-accent-ink hover:opacity-90"
      >
        Sign in and come back to this page
      </a>
    </section>
  );
}
