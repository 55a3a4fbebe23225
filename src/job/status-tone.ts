import { cva } from 'class-variance-authority';
import type { StatusKind } from './status';

/**
 * The one status → colour map, for every place that colours a status: `chip` (badge, timeline
 * chip), `text` (compact row, toolbar filters), `fill` (a sub-job's bar) and `bar` (a job's bar
 * on the board). Each class is written out whole so that Tailwind finds it in the source.
 * No class merging: rows call this a thousand times on a large job.
 */
export const statusTone = cva('', {
  variants: {
    look: { chip: '', text: '', fill: '', bar: '' },
    kind: { success: '', failed: '', running: '', waiting: '', unknown: '' } satisfies Record<
      StatusKind,
      string
    >,
  },
  compoundVariants: [
    { look: 'chip', kind: 'success', class: 'bg-status-success-soft text-status-success' },
    { look: 'chip', kind: 'failed', class: 'bg-status-failed-soft text-status-failed' },
    { look: 'chip', kind: 'running', class: 'bg-status-running-soft text-status-running' },
    { look: 'chip', kind: 'waiting', class: 'bg-status-waiting-soft text-status-waiting' },
    { look: 'chip', kind: 'unknown', class: 'bg-status-unknown-soft text-status-unknown' },
    { look: 'text', kind: 'success', class: 'text-status-success' },
    { look: 'text', kind: 'failed', class: 'text-status-failed' },
    { look: 'text', kind: 'running', class: 'text-status-running' },
    { look: 'text', kind: 'waiting', class: 'text-status-waiting' },
    { look: 'text', kind: 'unknown', class: 'text-status-unknown' },
    { look: 'fill', kind: 'success', class: 'bg-status-success' },
    { look: 'fill', kind: 'failed', class: 'bg-status-failed' },
    { look: 'fill', kind: 'running', class: 'bg-status-running' },
    { look: 'fill', kind: 'waiting', class: 'bg-status-waiting' },
    { look: 'fill', kind: 'unknown', class: 'bg-status-unknown' },
    { look: 'bar', kind: 'success', class: 'bg-status-success-soft border-status-success' },
    { look: 'bar', kind: 'failed', class: 'bg-status-failed-soft border-status-failed' },
    { look: 'bar', kind: 'running', class: 'bg-status-running-soft border-status-running' },
    { look: 'bar', kind: 'waiting', class: 'bg-status-waiting-soft border-status-waiting' },
    { look: 'bar', kind: 'unknown', class: 'bg-status-unknown-soft border-status-unknown' },
  ],
});
