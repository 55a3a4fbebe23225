import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { useLocation, useSearchParams } from 'react-router';
import type { Job } from '../../../lib/job-schema';
import { isFinal, statusKind } from '../../../lib/status';
import type { ZoneChoice } from '../../../lib/time';
import { useNow } from '../../../lib/use-now';
import { usePageVisible } from '../use-page-visible';
import { layoutTimeline } from './layout';
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
export const Timeline = memo(function Timeline({ job, zone }: { job: Job; zone: ZoneChoice }) {
  const live = !isFinal(statusKind(job.status));
  const visible = usePageVisible();
  // A large live job is laid out again every 5 s rather than every second: its running rows
  // re-render on each tick (their bars and times end at now), and a thousand rows cost.
  const now = useNow(live && visible, (job.sub_jobs?.length ?? 0) > 200 ? 5000 : 1000);
  // A finished job does not depend on the clock; only a live one is laid out again each second.
  const layoutNow = live ? now : 0;
  const layout = useMemo(() => layoutTimeline(job, layoutNow, zone), [job, layoutNow, zone]);

  const [searchParams, setSearchParams] = useSearchParams();
  const { pathname } = useLocation();
  const selected = searchParams.get('sub') ?? undefined;
  const selectedRow = selected === undefined ? undefined : layout.rows.find((row) => row.linkId === selected);

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

  const selectedIndex = selectedRow ? layout.rows.indexOf(selectedRow) : -1;
  const [drawn, drawAtLeast] = useDrawnRows(layout.rows.length, selectedIndex + 1);
  const focusNow = useSelectedRowFocus(selectedRow?.domId);
  const firstFailed = layout.firstFailed;
  const jumpToFailure = firstFailed
    ? () => {
        const index = layout.rows.findIndex((row) => row.key === firstFailed.key);
        flushSync(() => drawAtLeast(index + 1));
        focusNow(firstFailed.domId);
        if (firstFailed.linkId) select(firstFailed.linkId);
      }
    : undefined;

  const shareUrl =
    selected !== undefined && typeof window !== 'undefined'
      ? `${window.location.origin}${pathname}?sub=${encodeURIComponent(selected)}`
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
      <div className="group/timeline rounded-card border border-line bg-panel" data-live={layout.live} style={style}>
        <TimelineAxis axis={layout.axis} live={layout.live} startText={layout.startText} />
        <ol aria-label="Job and sub-jobs on one time axis" className="divide-y divide-line">
          {(drawn < layout.rows.length ? layout.rows.slice(0, drawn) : layout.rows).map((row) => (
            <TimelineRow
              key={row.key}
              row={row}
              selected={row === selectedRow}
              shareUrl={row === selectedRow ? shareUrl : undefined}
              onSelect={select}
            />
          ))}
        </ol>
        {drawn < layout.rows.length ? (
          <p role="status" className="border-t border-line px-3 py-2 text-sm text-ink-muted">
            Drawing {layout.rows.length - drawn} more rows…
          </p>
        ) : null}
      </div>
    </div>
  );
});
