import { RefreshCw } from 'lucide-react';
import { Button } from '../../components/ui/button';
import type { PollState } from '../../job/polling';
import { formatDateTime, type ZoneChoice } from '../../job/time';
import type { ApiError } from '../../lib/api-error';
import { pollStateWords } from './poll-words';

/**
 * "Data as of …" and what the page is doing about it; always on screen, also in screenshots,
 * PNGs and printouts. The date is written too: a ticket is read hours or days later.
 */
function stamp(ms: number, zone: ZoneChoice): string {
  const { text, zone: label } = formatDateTime(ms, zone);
  return `${text} ${label}`;
}

export function Freshness({
  dataAt,
  state,
  now,
  zone,
  error,
  inFlightMs,
  fetching,
  onRefresh,
}: {
  dataAt: number | undefined;
  state: PollState;
  now: number;
  zone: ZoneChoice;
  error: ApiError | null;
  inFlightMs: number | undefined;
  fetching: boolean;
  onRefresh: () => void;
}) {
  // During back-off the query counts as fetching; the user may cut the wait short.
  const retrying = state.mode === 'retrying';
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="freshness">
      <span>
        <span className="text-ink-muted">Data as of </span>
        {/* As wide as a stamp from the start: the first answer does not push the rest aside. */}
        <span className="inline-block min-w-[23ch] font-mono">
          {dataAt ? stamp(dataAt, zone) : 'not yet received'}
        </span>
      </span>
      <span aria-hidden className="text-ink-muted">
        ·
      </span>
      <span role="status" data-poll-mode={state.mode}>
        {pollStateWords(state, { now, error, hasData: dataAt !== undefined, inFlightMs })}
      </span>
      <Button
        size="sm"
        onClick={onRefresh}
        disabled={fetching && !retrying}
        aria-label={retrying ? 'Retry now' : 'Refresh now'}
      >
        <RefreshCw
          className={fetching && !retrying ? 'size-3.5 motion-safe:animate-spin' : 'size-3.5'}
          aria-hidden
        />
        {retrying ? 'Retry now' : 'Refresh'}
      </Button>
    </div>
  );
}
