/**
 * The job's status on screen before the app's script has loaded. Built on its own and written
 * into index.html as a small inline script (vite.config.ts, `firstStatus`; the server's
 * Content-Security-Policy allows it by its hash, server/http/static-site.ts). On a job's page
 * the server's page asks for the job's answer at once (`<link rel="preload" as="fetch">`); this
 * takes that answer as soon as it is in, draws the head of the job's card into the still empty
 * `#root`, and hands the answer on to the app (src/lib/early-answer.ts), which asks no second
 * time and draws the whole page in its place. The app's entry is 85 kB and takes about half a
 * second to load and run on an office line; this is under 2 kB and waits for nothing but the
 * answer and the style sheet.
 *
 * Only an answer of the job (a 2xx JSON object with a string status) is drawn; anything else
 * (signed out, not found, a malformed body) is left to the app to explain. Every value is set
 * as text, never parsed as HTML.
 */
import { statusKind } from '../common/job-status';
import { jobTypeLabel } from './job/job-types';
import { statusText } from './job/status';
import { statusTone } from './job/status-tone';
import { handOver } from './lib/early-answer';

const API_PATH = /\/api\/([^/]+)\/v1\/([^/]+)\/sfs-turbo\/jobs\/([^/?#]+)$/;

type Child = Node | string;

function el(tag: string, className: string, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.append(...children);
  return element;
}

function field(label: string, value: Child): HTMLElement {
  return el(
    'div',
    'min-w-0',
    el('dt', 'text-xs font-medium tracking-wide text-ink-muted uppercase', label),
    el('dd', 'mt-0.5 text-sm', value),
  );
}

const id = (value: string) => el('code', 'font-mono break-all', value);

/** The header's and the card's first lines, as the app draws them (app-layout, job-summary). */
export function drawFirstStatus(
  ids: { region: string; projectId: string; jobId: string },
  job: { status: string; job_type?: unknown },
): HTMLElement {
  const kind = statusKind(job.status);
  const badge = el(
    'span',
    `inline-flex items-center gap-1.5 rounded-full px-3 py-1.5 text-base font-semibold ${statusTone({ look: 'chip', kind })}`,
    el('span', 'size-5 shrink-0 rounded-full border-2 border-current', ''),
    el('span', '', statusText(job.status)),
  );
  badge.dataset.status = kind;
  badge.firstElementChild?.setAttribute('aria-hidden', 'true');
  const type = typeof job.job_type === 'string' ? job.job_type : '';
  const label = jobTypeLabel(type);
  const card = el(
    'section',
    'rounded-card border border-line bg-panel p-5',
    el(
      'div',
      'flex flex-wrap items-center gap-3',
      badge,
      el(
        'p',
        'text-xl font-semibold',
        el('span', 'font-medium', label ? `${label} ` : ''),
        el('code', 'font-mono text-ink-muted', label ? `(${type})` : type),
      ),
    ),
    el(
      'dl',
      'mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3',
      field('Region', ids.region),
      field('Project ID', id(ids.projectId)),
      field('Job ID', id(ids.jobId)),
    ),
  );
  // The rows above the card keep the app's heights (job-view.tsx), so the card stays put.
  const page = el(
    'div',
    'flex min-h-dvh flex-col',
    el(
      'div',
      'border-b border-line bg-panel',
      el(
        'div',
        'mx-auto flex max-w-6xl items-center gap-4 px-4 py-2.5',
        el('span', 'font-semibold tracking-tight', 'SFS Turbo jobs'),
        el('span', 'min-h-7'),
      ),
    ),
    el(
      'div',
      'mx-auto w-full max-w-6xl flex-1 px-4 py-5',
      el(
        'div',
        'space-y-4',
        el(
          'div',
          'space-y-3',
          el(
            'p',
            'flex min-h-7 items-center text-sm text-ink-muted',
            'Answer received; the page is loading…',
          ),
          el('div', 'min-h-7'),
        ),
        el('div', 'min-h-7'),
        card,
      ),
    ),
  );
  page.dataset.firstStatus = '';
  return page;
}

async function firstStatus(link: HTMLLinkElement): Promise<void> {
  const match = API_PATH.exec(new URL(link.href).pathname);
  if (!match) return;
  const [region = '', projectId = '', jobId = ''] = match.slice(1).map(decodeURIComponent);
  const response = fetch(link.href, { headers: { Accept: 'application/json' } });
  handOver(link.getAttribute('href') ?? '', response);
  const answer = await response;
  if (!answer.ok) return;
  const body: unknown = await answer.clone().json();
  if (typeof body !== 'object' || body === null) return;
  const job = body as { status?: unknown; job_type?: unknown };
  if (typeof job.status !== 'string') return;
  // The script runs from the head; the body is usually read by the time the answer is in. Not
  // DOMContentLoaded: that waits for the app's entry to have run.
  while (document.readyState === 'loading')
    await new Promise((resolve) =>
      document.addEventListener('readystatechange', resolve, { once: true }),
    );
  const root = document.getElementById('root');
  // The app may have drawn the page already (its code cached, this answer slow): it wins.
  if (!root || root.childElementCount > 0) return;
  root.append(drawFirstStatus({ region, projectId, jobId }, { ...job, status: job.status }));
}

/** Starts the early answer's request and its drawing, if this is a job's page. */
export function startFirstStatus(): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="preload"][as="fetch"]');
  if (link) void firstStatus(link).catch(() => undefined);
}
