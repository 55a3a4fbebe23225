/**
 * Where the app lives, decided by the server at run time (BASE_PATH, PUBLIC_URL), not at
 * build time: the production server writes both into index.html as meta tags
 * (server/http/static-site.ts). Under `npm run dev` there are no tags and Vite's base holds.
 */
function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;
}

function normalise(base: string | undefined): string {
  if (!base || !base.startsWith('/')) return '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/** Starts and ends with '/': `/` or `/sfs-turbo-jobs/`. */
export const BASE_PATH = normalise(meta('sfs-turbo-base') ?? import.meta.env.BASE_URL);

/** What react-router calls its basename (no trailing slash, except for the root). */
export const ROUTER_BASENAME = BASE_PATH === '/' ? '/' : BASE_PATH.slice(0, -1);

/** A same-origin URL for a path of the app (`/api/regions` → `/sfs-turbo-jobs/api/regions`). */
export function appUrl(path: string): string {
  return `${BASE_PATH}${path.replace(/^\//, '')}`;
}

/** The path of the page below the base, as the router sees it. */
export function pathBelowBase(pathname: string): string {
  return pathname.startsWith(BASE_PATH) ? `/${pathname.slice(BASE_PATH.length)}` : pathname;
}

/**
 * An absolute link for tickets and copied text: PUBLIC_URL when the server has one (the
 * address colleagues reach, not the one this browser happens to use), else this origin.
 */
export function publicLink(path: string): string {
  const root =
    meta('sfs-turbo-public-url') ??
    `${window.location.origin}${ROUTER_BASENAME === '/' ? '' : ROUTER_BASENAME}`;
  return `${root.replace(/\/$/, '')}${path}`;
}
