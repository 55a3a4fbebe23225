import { useQuery } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, ExternalLink, X } from 'lucide-react';
import { memo } from 'react';
import { Link } from 'react-router';
import { statusKind } from '../../../common/job-status';
import { paths } from '../../app/paths';
import { Button } from '../../components/ui/button';
import { StatusBadge } from '../../components/ui/status-badge';
import { failureCodesText } from '../../job/failure-codes';
import { firstFailure } from '../../job/first-failure';
import { formatDateTime, type ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { boardJobQuery } from './board-query';
import { RowIds, RowTimesText, RowType, SubJobCounts } from './row-facts';
import { RowRecord, RowWatch } from './row-memory';
import { RowFailure, RowLookupFailure } from './row-problems';

/** The full date and zone: a PNG or ticket read days later must say which day it shows. */
function asOf(ms: number, zone: ZoneChoice): string {
  const { text, zone: label } = formatDateTime(ms, zone);
  return `${text} ${label}`;
}

export interface RowControls {
  onMove(key: string, delta: -1 | 1): void;
  onRemove(key: string): void;
}

interface BoardRowProps extends RowControls {
  entryKey: string;
  target: LookupTarget;
  position: number;
  count: number;
  zone: ZoneChoice;
  notifyRequested: boolean;
  editable: boolean;
}

/**
 * One job, live: its own query (the job page's, shared), so a poll re-renders this row only;
 * memoised, so that the board re-rendering (a new row, the zone) leaves unchanged rows alone.
 */
export const BoardRow = memo(function BoardRow(props: BoardRowProps) {
  const { entryKey, target, position, count, zone, notifyRequested, editable, onMove, onRemove } =
    props;
  const query = useQuery(boardJobQuery(target, notifyRequested));
  const data = query.data;
  const error = query.failureReason ?? query.error;
  const job = data?.job;
  const failure = job ? firstFailure(job) : undefined;
  const kind = job ? statusKind(job.status) : error ? 'lookup-failed' : 'loading';
  const label = `job ${target.jobId}`;
  return (
    <li
      data-board-row={entryKey}
      data-status={kind}
      // Off screen, a row is neither laid out nor painted (its ticking time included): on a
      // board of 50 jobs most rows are below the fold. Its last size holds its place.
      className="rounded-card border border-line bg-panel px-3 py-1.5 [contain:content] [contain-intrinsic-size:auto_3.75rem] [content-visibility:auto]"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-sm">
        <span className="w-5 shrink-0 text-right font-mono text-xs text-ink-muted">{position}</span>
        {job ? (
          <StatusBadge status={job.status} size="sm" spin={false} />
        ) : (
          <span className="text-ink-muted">{error ? 'no data' : 'asking…'}</span>
        )}
        {job ? <RowType raw={job.job_type} /> : null}
        <span className="font-mono">{target.region}</span>
        {job ? <RowTimesText job={job} zone={zone} /> : null}
        {job ? <SubJobCounts job={job} /> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 pl-8">
        <RowIds jobId={target.jobId} projectId={target.projectId} />
        <span className="text-xs text-ink-muted" data-as-of>
          {data ? `as of ${asOf(data.receivedAt, zone)}` : 'not yet received'}
        </span>
        <span className="ml-auto flex items-center gap-0.5">
          <Link
            to={paths.job(target, failure?.subJob?.id)}
            className="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-accent hover:bg-surface"
          >
            Open <span className="sr-only">{label}</span>
            <ExternalLink className="size-3.5" aria-hidden />
          </Link>
          {editable ? (
            <span className="flex items-center print:hidden">
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Move ${label} up`}
                data-action="up"
                disabled={position === 1}
                onClick={() => onMove(entryKey, -1)}
              >
                <ArrowUp className="size-3.5" aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Move ${label} down`}
                data-action="down"
                disabled={position === count}
                onClick={() => onMove(entryKey, 1)}
              >
                <ArrowDown className="size-3.5" aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${label} from the board`}
                data-action="remove"
                onClick={() => onRemove(entryKey)}
              >
                <X className="size-3.5" aria-hidden />
              </Button>
            </span>
          ) : null}
        </span>
      </div>
      <div className="pl-8 empty:hidden">
        <RowWatch target={target} zone={zone} />
        {!data && error?.kind === 'not-found' ? <RowRecord target={target} zone={zone} /> : null}
      </div>
      {(failure && job && statusKind(job.status) === 'failed') || error ? (
        <div className="pl-8">
          {failure && job && statusKind(job.status) === 'failed' ? (
            <RowFailure failure={failure} codes={failureCodesText(job)} />
          ) : null}
          {error ? <RowLookupFailure error={error} stale={data !== undefined} /> : null}
        </div>
      ) : null}
    </li>
  );
});

/** An entry of the address that is not a job: kept in its place, saying what is wrong. */
export function InvalidEntryCard({
  raw,
  problem,
  position,
  onRemove,
  editable,
  entryKey,
}: {
  raw: string;
  problem: string;
  position: number;
  entryKey: string;
  editable: boolean;
  onRemove(key: string): void;
}) {
  return (
    <li
      data-board-row={entryKey}
      data-status="invalid"
      className="rounded-card border-2 border-dashed border-status-waiting bg-panel px-3 py-2 text-sm"
    >
      <div className="flex flex-wrap items-center gap-x-3">
        <span className="w-6 text-right font-mono text-xs text-ink-muted">{position}</span>
        <span className="font-semibold text-status-waiting">Not a job reference:</span>{' '}
        <code className="min-w-0 font-mono break-all">{raw}</code> <span>{problem}</span>
        {editable ? (
          <Button
            className="ml-auto"
            variant="ghost"
            size="sm"
            aria-label={`Remove the entry ${raw}`}
            data-action="remove"
            onClick={() => onRemove(entryKey)}
          >
            <X className="size-3.5" aria-hidden />
          </Button>
        ) : null}
      </div>
    </li>
  );
}
