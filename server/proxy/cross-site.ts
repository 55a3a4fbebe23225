import type { IncomingMessage } from 'node:http';

/**
 * Whether the browser marked the request as made by another site (`Sec-Fetch-Site`): an
 * `<img>`, `<script>`, form post or `no-cors` fetch on a page the user happens to visit. The
 * API answers with the server's credential, so such requests are refused before anything is
 * forwarded. Clients that send no such header (curl, scripts) and the dashboard's own pages
 * (`same-origin`, or `none` for a typed-in address) pass.
 */
export function fromAnotherSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}
