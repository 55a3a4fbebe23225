import { useQuery } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation, useSearchParams } from 'react-router';
import { boardHref } from '../job/board-link';
import { useLastBoard } from '../job/last-board';
import { lazyComponent } from '../lib/on-demand';
import { regionsQuery } from '../lib/regions-query';
import { RouteErrorBoundary } from './route-error-boundary';

/**
 * A configuration problem, above everything, in a landmark of its own so that no page content
 * is outside one. (That the data is simulated is said in the header: see SimulatedBadge.)
 */
function EnvironmentBanner() {
  const { data, error } = useQuery(regionsQuery);
  const wrong =
    error !== null || (data !== undefined && !data.simulated && data.credentials.kind === 'none');
  // Rare, so its words load only when needed (decision 0006).
  return wrong ? (
    <aside aria-label="Data source">
      <Suspense fallback={null}>
        <EnvironmentNotice error={error} />
      </Suspense>
    </aside>
  ) : null;
}

const EnvironmentNotice = lazyComponent(
  () => import('./environment-notice'),
  (module) => module.EnvironmentNotice,
);

/**
 * "Simulated data", in the header row: the region list that says so arrives after the first
 * paint, and a banner above the page would then push everything down (a layout shift of about
 * 0.07 on every load); in the header's free end it takes no room of its own.
 */
function SimulatedBadge() {
  const { data } = useQuery(regionsQuery);
  if (!data?.simulated) return null;
  return (
    <p
      data-testid="simulated-banner"
      className="flex min-w-0 items-center gap-1.5 rounded-full bg-status-waiting-soft px-2.5 py-0.5 text-sm font-medium text-status-waiting"
    >
      <FlaskConical className="size-4 shrink-0" aria-hidden />
      <span className="sm:hidden">Simulated data</span>
      <span className="hidden sm:inline">
        Simulated data: the embedded SFS Turbo simulator answers, no cloud is contacted.
      </span>
    </p>
  );
}

const navLink = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-1 text-sm font-medium hover:bg-surface ${isActive ? 'text-ink underline decoration-2 underline-offset-4' : 'text-ink-muted'}`;

/**
 * The two places a support engineer starts from. "Board" reopens the board last open in this
 * browser (the incident being worked on), or an empty one to paste into. NavLink marks the
 * current one with `aria-current="page"`.
 */
function MainNav() {
  const last = useLastBoard();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      <NavLink to="/" end className={navLink}>
        Lookup
      </NavLink>
      <NavLink to={last.jobs.length > 0 ? boardHref(last) : '/board'} className={navLink}>
        Board
      </NavLink>
    </nav>
  );
}

// Who is signed in arrives after the first paint, and so may its code (decision 0006).
const SessionBadge = lazyComponent(
  () => import('./session-badge'),
  (module) => module.SessionBadge,
);

export function AppLayout() {
  const { pathname } = useLocation();
  // The job page's ticket view (`?view=ticket`) is for screenshots: no navigation chrome.
  const ticketView = useSearchParams()[0].get('view') === 'ticket';
  return (
    <div className="flex min-h-dvh flex-col">
      <EnvironmentBanner />
      <header hidden={ticketView} className="border-b border-line bg-panel print:hidden">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2.5">
          <div className="flex min-w-0 items-center gap-4">
            <Link to="/" className="shrink-0 font-semibold tracking-tight">
              SFS Turbo jobs
            </Link>
            <MainNav />
          </div>
          <div className="flex min-w-0 items-center gap-4">
            <SimulatedBadge />
            <Suspense fallback={null}>
              <SessionBadge />
            </Suspense>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-5">
        <RouteErrorBoundary key={pathname}>
          {/* Shown while a page's code loads; the header and banner are already there. */}
          <Suspense fallback={<p className="text-ink-muted">Loading the page…</p>}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
