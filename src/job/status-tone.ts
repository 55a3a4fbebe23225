import type { StatusKind } from '../../common/job-status';

export type ToneLook = 'chip' | 'text' | 'fill' | 'bar';

/**
 * The one status → colour map, for every place that colours a status: `chip` (badge, timeline
 * chip), `text` (compact row, toolbar filters), `fill` (a sub-job's bar) and `bar` (a job's bar
 * on the board). Each class is written out whole so that Tailwind finds it in the source.
 * A plain table, no class merging: rows look it up a thousand times on a large job, and while
 * one scrolls (a variant builder's objects per call were 2 % of a scrolled frame at 4× CPU
 * slowdown, issue 22).
 */
const TONES: Record<ToneLook, Record<StatusKind, string>> = {
  chip: {
    success: 'bg-status-success-soft text-status-success',
    failed: 'bg-status-failed-soft text-status-failed',
    running: 'bg-status-running-soft text-status-running',
    waiting: 'bg-status-waiting-soft text-status-waiting',
    unknown: 'bg-status-unknown-soft text-status-unknown',
  },
  text: {
    success: 'text-status-success',
    failed: 'text-status-failed',
    running: 'text-status-running',
    waiting: 'text-status-waiting',
    unknown: 'text-status-unknown',
  },
  fill: {
    success: 'bg-status-success',
    failed: 'bg-status-failed',
    running: 'bg-status-running',
    waiting: 'bg-status-waiting',
    unknown: 'bg-status-unknown',
  },
  bar: {
    success: 'bg-status-success-soft border-status-success',
    failed: 'bg-status-failed-soft border-status-failed',
    running: 'bg-status-running-soft border-status-running',
    waiting: 'bg-status-waiting-soft border-status-waiting',
    unknown: 'bg-status-unknown-soft border-status-unknown',
  },
};

export function statusTone({ look, kind }: { look: ToneLook; kind: StatusKind }): string {
  return TONES[look][kind];
}
