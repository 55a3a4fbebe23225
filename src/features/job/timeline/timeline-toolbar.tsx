import { ArrowDownToLine } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { StatusIcon } from '../../../components/ui/status-badge';
import { cn } from '../../../lib/cn';
import { STATUS_LABEL, type StatusKind } from '../../../lib/status';

const ORDER: StatusKind[] = ['failed', 'running', 'waiting', 'success', 'unknown'];
const TEXT: Record<StatusKind, string> = {
  success: 'text-status-success',
  failed: 'text-status-failed',
  running: 'text-status-running',
  waiting: 'text-status-waiting',
  unknown: 'text-status-unknown',
};

/** Counts by status (icon, word and colour), the failure count and the jump to the first one. */
export function TimelineToolbar({
  total,
  listed,
  counts,
  onJumpToFailure,
  missingSelection,
}: {
  total: number;
  /** Whether the answer had a `sub_jobs` list at all. */
  listed: boolean;
  counts: Record<StatusKind, number>;
  onJumpToFailure: (() => void) | undefined;
  missingSelection: string | undefined;
}) {
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="timeline-counts">
          <span className="font-semibold">
            {total} sub-job{total === 1 ? '' : 's'}
            {total > 0 ? ':' : ''}
          </span>
          {ORDER.filter((kind) => counts[kind] > 0).map((kind) => (
            <span
              key={kind}
              className={cn(
                'inline-flex items-center gap-1',
                TEXT[kind],
                kind === 'failed' && 'font-semibold',
              )}
            >
              <StatusIcon kind={kind} spin={false} />
              {counts[kind]} {STATUS_LABEL[kind].toLowerCase()}
            </span>
          ))}
          {total === 0 ? (
            <span className="text-ink-muted">
              {listed ? 'the job has an empty sub-job list.' : 'the job reports no sub-jobs.'}
            </span>
          ) : null}
        </p>
        {onJumpToFailure ? (
          <Button size="sm" onClick={onJumpToFailure}>
            <ArrowDownToLine className="size-3.5" aria-hidden />
            Jump to first failure
          </Button>
        ) : null}
      </div>
      {missingSelection !== undefined ? (
        <p
          role="status"
          className="rounded-md bg-status-waiting-soft px-3 py-1.5 text-sm text-status-waiting"
        >
          The link asks for sub-job <code className="font-mono break-all">{missingSelection}</code>,
          which this job does not list.
        </p>
      ) : null}
    </div>
  );
}
