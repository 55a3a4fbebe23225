import { queryOptions } from '@tanstack/react-query';
import type { SessionResponse } from '../../common/contract';
import { appUrl } from './base-path';

function isSession(value: unknown): value is SessionResponse {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    (record.mode === 'none' || record.mode === 'header' || record.mode === 'oidc') &&
    (record.user === null || typeof record.user === 'string') &&
    Array.isArray(record.groups) &&
    (record.loginUrl === null || typeof record.loginUrl === 'string') &&
    (record.logoutUrl === null || typeof record.logoutUrl === 'string')
  );
}

/**
 * Who is signed in, for the page header. Null when the server does not say (not signed in,
 * or a server without sign-in routes): the header then shows nothing rather than an error.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  const response = await fetch(appUrl('api/session'), {
    headers: { Accept: 'application/json' },
    signal: signal ?? null,
  });
  if (!response.ok) return null;
  const body: unknown = await response.json().catch(() => null);
  return isSession(body) ? body : null;
}

/** Asked once per page load: a session does not change while the page is open. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: Infinity,
  retry: false,
});

/**
 * Where "Sign in" goes, coming back to `returnTo` (a path on this site). Without a sign-in
 * address (an SSO proxy in front, or the session already known to be gone), opening the page
 * again lets the server or the proxy send the user to sign in and back.
 */
export function signInHref(loginUrl: string | null | undefined, returnTo: string): string {
  if (!loginUrl) return returnTo;
  return `${loginUrl}?return=${encodeURIComponent(returnTo)}`;
}
