import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { useLocation, useSearchParams } from 'react-router';
import { publicLink } from '../../../lib/base-path';
import type { Job } from '../../../lib/job-schema';
import type { ZoneChoice } from '../../../lib/time';
import { useNow } from '../../../lib/use-now';
import { usePageVisible } from '../../../lib/use-page-visible';
import { isLiveJob, planTimeline } from './layout';
import './timeline.css';
import { TimelineAxis } from './timeline-axis';
import { TimelineRow } from './timeline-row';
import { TimelineToolbar } from './timeline-toolbar';
import { useDrawnRows } from './use-drawn-rows';
import { useSelectedRowFocus } from './use-row-focus';

/**
 * The job and every sub-job on one time axis. Memoised on the job object: react-query's
 * structural sharing hands back the same object when a refetch changes nothing, so such a
 * refetch renders nothing here.
 */
export const Timeline = memo(function Timeline({
  job,
  zone,
  now: pageNow,
}: {
  job: Job;
  zone: ZoneChoice;
  /** The page's clock, so the timeline and the job summary tick together; else its own. */
  now?: number;
}) {
  const live = isLiveJob(job);
  const visible = usePageVisible();
  const ownNow = useNow(live && visible && pageNow === undefined);
  const now = pageNow ?? ownNow;
  // A finished job does not depend on the clock. Of a live one, the job's row and the now line
  // follow every second; a large job's running sub-jobs re-render every 5 s only (a thousand
  // rows cost; their bars still reach the now line, drawn by CSS).
  const layoutNow = live ? now : 0;
  const subJobNow = (job.sub_jobs?.length ?? 0) > 200 ? layoutNow - (layoutNow % 5000) : layoutNow;
  const layout = useMemo(
    () => planTimeline(job, layoutNow, zone, { subJobNow }),
    [job, layoutNow, subJobNow, zone],
  );

  const [searchParams, setSearchParams] = useSearchParams();
  const { pathname } = useLocation();
  const selected = searchParams.get('sub') ?? undefined;
  const selectedIndex = selected === undefined ? -1 : layout.indexOfLink(selected);
  const selectedRow = selectedIndex < 0 ? undefined : layout.rowAt(selectedIndex);

  // Rows get one callback for their whole life; it reads the latest router state from a ref.
  const setParamsRef = useRef(setSearchParams);
  useEffect(() => {
    setParamsRef.current = setSearchParams;
  }, [setSearchParams]);
  const select = useCallback((linkId: string) => {
    setParamsRef.current(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('sub', linkId);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, []);

  const [drawn, drawAtLeast] = useDrawnRows(layout.rowCount, selectedIndex + 1);
  // Rows are built as they are drawn: a large job's first screen does not wait for the rest.
  const rows = useMemo(
    () => Array.from({ length: drawn }, (_, index) => layout.rowAt(index)),
    [layout, drawn],
  );
  const focusNow = useSelectedRowFocus(selectedRow?.domId);
  const firstFailed = layout.firstFailed;
  const jumpToFailure = firstFailed
    ? () => {
        flushSync(() => drawAtLeast(firstFailed.index + 1));
        focusNow(firstFailed.domId);
        if (firstFailed.linkId) select(firstFailed.linkId);
      }
    : undefined;

  const shareUrl =
    selected !== undefined && typeof window !== 'undefined'
      ? publicLink(`${pathname}?sub=${encodeURIComponent(selected)}`)
      : undefined;
  const style = {
    '--tl-now': layout.nowPct === null ? undefined : `${layout.nowPct}%`,
    '--tl-intervals': layout.axis ? layout.axis.ticks.length - 1 : 1,
  } as CSSProperties;

  return (
    <div className="space-y-3 [print-color-adjust:exact]">
      <TimelineToolbar
        total={layout.subJobCount}
        listed={job.sub_jobs !== undefined}
        counts={layout.counts}
        onJumpToFailure={jumpToFailure}
        missingSelection={selected !== undefined && !selectedRow ? selected : undefined}
      />
      <div
        className="group/timeline rounded-card border border-line bg-panel"
        data-live={layout.live}
        style={style}
      >
        <TimelineAxis axis={layout.axis} live={layout.live} startText={layout.startText} />
        <ol aria-label="Job and sub-jobs on one time axis" className="divide-y divide-line">
          {rows.map((row) => (
            <TimelineRow
              key={row.key}
              row={row}
              selected={row.key === selectedRow?.key}
              shareUrl={row.key === selectedRow?.key ? shareUrl : undefined}
              onSelect={select}
            />
          ))}
        </ol>
        {drawn < layout.rowCount ? (
          <p className="border-t border-line px-3 py-2 text-sm text-ink-muted">
            Drawing {layout.rowCount - drawn} more row{layout.rowCount - drawn === 1 ? '' : 's'}…
          </p>
        ) : null}
      </div>
    </div>
  );
});
