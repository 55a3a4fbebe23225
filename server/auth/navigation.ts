import type { IncomingMessage } from 'node:http';

/**
 * Whether the browser is opening a page (Fetch Metadata `Sec-Fetch-Dest: document`), not
 * loading something for one, nor prefetching: only that goes to sign-in. A favicon or a
 * script fetched while signed out would otherwise start a sign-in of its own and replace the
 * one the user is in the middle of (there is one per browser). Clients that send no
 * destination (scripts, Node's fetch, older browsers) are taken as opening a page.
 */
export function isNavigation(req: IncomingMessage): boolean {
  const dest = req.headers['sec-fetch-dest'];
  const purpose = req.headers['sec-purpose'];
  if (typeof purpose === 'string' && purpose.includes('prefetch')) return false;
  return dest === undefined || dest === 'document';
}
