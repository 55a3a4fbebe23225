import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { SessionResponse as SessionContract } from '../../common/contract';
import { getJson } from './api-client';
import { ApiError } from './api-error';

/** `GET /api/session`, as common/contract.ts describes it (the type check below keeps them equal). */
export const SessionSchema = v.object({
  mode: v.picklist(['none', 'header', 'oidc']),
  user: v.nullable(v.string()),
  groups: v.array(v.string()),
  loginUrl: v.nullable(v.string()),
  logoutUrl: v.nullable(v.string()),
});

export type SessionResponse = v.InferOutput<typeof SessionSchema>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsContract: Same<SessionResponse, SessionContract> = true;
void schemaIsContract;

/**
 * Who is signed in, for the page header. Null when the server says nobody is (401) or has no
 * sign-in routes (404): the header then shows nothing. Any other failure is an `ApiError`,
 * which the header does not show either.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await getJson('api/session', SessionSchema, 'a session', { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
    throw error;
  }
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
