import { useEffect } from 'react';
import { type StatusKind } from '../../common/job-status';
import { STATUS_LABEL } from './status';

export type TabState = StatusKind | 'lookup-failed' | 'loading';

const COLOURS: Record<TabState, string> = {
  success: '#15803d',
  failed: '#b91c1c',
  running: '#1d4ed8',
  waiting: '#b45309',
  unknown: '#4b5563',
  'lookup-failed': '#b91c1c',
  loading: '#6b7280',
};

// Shapes as well as colours, so the tab tells its story to colour-blind users too.
const GLYPHS: Record<TabState, string> = {
  success:
    '<path d="M9 16.5l4.5 4.5L23 11" stroke="#fff" stroke-width="3.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  failed:
    '<path d="M10.5 10.5l11 11M21.5 10.5l-11 11" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>',
  running: '<path d="M12 9.5l11 6.5-11 6.5z" fill="#fff"/>',
  waiting:
    '<path d="M11 16h.01M16 16h.01M21 16h.01" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
  unknown:
    '<path d="M12.5 12.5a3.5 3.5 0 117 0c0 2.5-3.5 2.5-3.5 5M16 22h.01" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/>',
  'lookup-failed':
    '<path d="M16 9v9M16 22.5h.01" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>',
  loading: '<circle cx="16" cy="16" r="4" fill="#fff"/>',
};

export function faviconFor(state: TabState): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="${COLOURS[state]}"/>${GLYPHS[state]}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The word for a tab state, as titles say it. */
export function tabWord(state: TabState): string {
  return state === 'lookup-failed'
    ? 'Lookup failed'
    : state === 'loading'
      ? 'Loading'
      : STATUS_LABEL[state];
}

export function tabTitle(state: TabState, jobType: string | undefined, jobId: string): string {
  return `${tabWord(state)} · ${jobType || 'job'} ${jobId} · SFS Turbo jobs`;
}

/** The tab's title and icon show the job's status at all times, so a background tab tells its story. */
export function useTabStatus(state: TabState, jobType: string | undefined, jobId: string): void {
  useEffect(() => {
    document.title = tabTitle(state, jobType, jobId);
  }, [state, jobType, jobId]);
  useFavicon(state);
}

/** The tab's icon shows `state` while the calling page is on screen. */
export function useFavicon(state: TabState): void {
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>('link#favicon');
    if (!link) return;
    const original = link.href;
    link.type = 'image/svg+xml';
    link.href = faviconFor(state);
    return () => {
      link.href = original;
    };
  }, [state]);
}
