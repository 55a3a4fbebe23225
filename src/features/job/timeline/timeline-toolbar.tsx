import { ArrowDownToLine, ChevronDown, ChevronUp, Search } from 'lucide-react';
import { memo, useId } from 'react';
import { type StatusKind } from '../../../../common/job-status';
import { Button } from '../../../components/ui/button';
import { StatusIcon } from '../../../components/ui/status-badge';
import { STATUS_LABEL } from '../../../job/status';
import { statusTone } from '../../../job/status-tone';
import { cn } from '../../../lib/cn';
import type { Density } from './density';

import { FILTER_ORDER as ORDER } from './row-nav';

/** One formatter for every count: `toLocaleString` builds a new one on each call. */
const COUNT = new Intl.NumberFormat('en');

/** The status filters and the search, as `useRowFilter` keeps them in the address. */
export interface RowFilterTools {
  /** The states shown; empty: all. */
  shown: ReadonlySet<StatusKind>;
  query: string;
  unknownStatuses: readonly string[];
  active: boolean;
  toggle: (kind: StatusKind) => void;
  setQuery: (query: string) => void;
  clear: () => void;
}

export interface LargeJobTools {
  filter: RowFilterTools;
  /** Sub-jobs the filters and the search leave. */
  shownSubJobs: number;
  /** Given on a large job only. */
  density?: Density;
  onDensity?: (density: Density) => void;
}

/**
 * Counts by status (icon, word and colour), the failure count and the ways to the failures;
 * on a large job the counts are filters and the rows' density can be switched.
 */
export const TimelineToolbar = memo(function TimelineToolbar({
  total,
  listed,
  counts,
  onJumpToFailure,
  onPreviousFailure,
  onNextFailure,
  missingSelection,
  tools,
}: {
  total: number;
  /** Whether the answer had a `sub_jobs` list at all. */
  listed: boolean;
  counts: Record<StatusKind, number>;
  onJumpToFailure: (() => void) | undefined;
  /** Given when there is more than one failure. */
  onPreviousFailure?: (() => void) | undefined;
  onNextFailure?: (() => void) | undefined;
  missingSelection: string | undefined;
  tools?: LargeJobTools | undefined;
}) {
  const present = ORDER.filter((kind) => counts[kind] > 0);
  const filter = tools?.filter;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <StatusCounts
          total={total}
          listed={listed}
          counts={counts}
          present={present}
          filter={filter}
        />
        {onJumpToFailure ? (
          <FailureNav
            onFirst={onJumpToFailure}
            onPrevious={onPreviousFailure}
            onNext={onNextFailure}
          />
        ) : null}
        {tools?.density && tools.onDensity ? (
          <DensitySwitch density={tools.density} onDensity={tools.onDensity} />
        ) : null}
      </div>
      {tools && filter ? (
        <SubJobSearch filter={filter} shownSubJobs={tools.shownSubJobs} total={total} />
      ) : null}
      {tools && filter?.active ? (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
          Showing {COUNT.format(tools.shownSubJobs)} of {COUNT.format(total)} sub-jobs
          {filter.shown.size > 0
            ? `: ${ORDER.filter((kind) => filter.shown.has(kind))
                .map((kind) => STATUS_LABEL[kind].toLowerCase())
                .join(', ')}`
            : ''}
          {filter.query.trim() !== '' ? (
            <>
              {filter.shown.size > 0 ? ';' : ''} matching “{filter.query.trim()}”
            </>
          ) : null}
          .
          <Button size="sm" variant="ghost" onClick={filter.clear}>
            Show all
          </Button>
        </p>
      ) : null}
      {filter && filter.unknownStatuses.length > 0 ? (
        <p
          role="status"
          className="rounded-md bg-status-waiting-soft px-3 py-1.5 text-sm text-status-waiting"
        >
          The link’s status filter names{' '}
          {filter.unknownStatuses.map((word, index) => (
            <span key={word}>
              {index > 0 ? ', ' : ''}
              <code className="font-mono break-all">{word}</code>
            </span>
          ))}
          , which {filter.unknownStatuses.length === 1 ? 'is not a state' : 'are not states'}{' '}
          (failed, running, waiting, success, unknown); left out.
        </p>
      ) : null}
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
});

function StatusCounts({
  total,
  listed,
  counts,
  present,
  filter,
}: {
  total: number;
  listed: boolean;
  counts: Record<StatusKind, number>;
  present: StatusKind[];
  filter: RowFilterTools | undefined;
}) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="timeline-counts">
      <span className="font-semibold">
        {COUNT.format(total)} sub-job{total === 1 ? '' : 's'}
        {total > 0 ? ':' : ''}
      </span>
      {present.map((kind) => {
        const content = (
          <>
            <StatusIcon kind={kind} spin={false} />
            {COUNT.format(counts[kind])} {STATUS_LABEL[kind].toLowerCase()}
          </>
        );
        const look = cn(
          'inline-flex items-center gap-1',
          statusTone({ look: 'text', kind: kind }),
          kind === 'failed' && 'font-semibold',
        );
        return filter ? (
          <button
            key={kind}
            type="button"
            aria-pressed={filter.shown.has(kind)}
            title={`Show only ${STATUS_LABEL[kind].toLowerCase()} sub-jobs (another click adds or removes)`}
            onClick={() => filter.toggle(kind)}
            className={cn(
              look,
              'rounded-full border px-2 py-0.5 hover:bg-surface print:border-0 print:p-0',
              filter.shown.has(kind) ? 'border-current bg-surface' : 'border-line',
            )}
          >
            {content}
          </button>
        ) : (
          <span key={kind} className={look}>
            {content}
          </span>
        );
      })}
      {total === 0 ? (
        <span className="text-ink-muted">
          {listed ? 'the job has an empty sub-job list.' : 'the job reports no sub-jobs.'}
        </span>
      ) : null}
    </p>
  );
}

/** Finds sub-jobs by ID, error code or failure reason; how many it leaves, beside it. */
function SubJobSearch({
  filter,
  shownSubJobs,
  total,
}: {
  filter: RowFilterTools;
  shownSubJobs: number;
  total: number;
}) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm print:hidden">
      <label htmlFor={id} className="font-medium">
        Find a sub-job
      </label>
      <span className="relative inline-flex items-center">
        <Search
          className="pointer-events-none absolute left-2 size-3.5 text-ink-muted"
          aria-hidden
        />
        <input
          id={id}
          type="search"
          value={filter.query}
          onChange={(event) => filter.setQuery(event.target.value)}
          placeholder="ID, error code or reason"
          aria-describedby={`${id}-count`}
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-72 max-w-full rounded-md border border-line bg-panel pr-2 pl-7 font-mono text-sm"
        />
      </span>
      <span id={`${id}-count`} className="text-ink-muted" data-testid="search-count">
        {filter.query.trim() === ''
          ? `${COUNT.format(total)} sub-jobs`
          : `${COUNT.format(shownSubJobs)} of ${COUNT.format(total)}`}
      </span>
    </div>
  );
}

function FailureNav({
  onFirst,
  onPrevious,
  onNext,
}: {
  onFirst: () => void;
  onPrevious?: (() => void) | undefined;
  onNext?: (() => void) | undefined;
}) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Button size="sm" onClick={onFirst}>
        <ArrowDownToLine className="size-3.5" aria-hidden />
        Jump to first failure
      </Button>
      {onPrevious && onNext ? (
        <>
          <Button size="sm" onClick={onPrevious}>
            <ChevronUp className="size-3.5" aria-hidden />
            Previous failure
          </Button>
          <Button size="sm" onClick={onNext}>
            <ChevronDown className="size-3.5" aria-hidden />
            Next failure
          </Button>
        </>
      ) : null}
    </span>
  );
}

function DensitySwitch({
  density,
  onDensity,
}: {
  density: Density;
  onDensity: (density: Density) => void;
}) {
  return (
    <span
      role="group"
      aria-label="Row density"
      className="inline-flex rounded-md border border-line print:hidden"
    >
      {(['compact', 'comfortable'] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={density === choice}
          onClick={() => onDensity(choice)}
          className={cn(
            'h-7 px-2 text-xs first:rounded-l-md last:rounded-r-md',
            density === choice ? 'bg-accent text-accent-ink' : 'hover:bg-surface',
          )}
        >
          {choice === 'compact' ? 'Compact' : 'Comfortable'}
        </button>
      ))}
    </span>
  );
}
