import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { flushSync } from 'react-dom';
import { useLocation, useSearchParams } from 'react-router';
import { publicLink } from '../../../lib/base-path';
import type { Job } from '../../../job/job-schema';
import type { StatusKind } from '../../../job/status';
import type { ZoneChoice } from '../../../job/time';
import { useNow } from '../../../lib/use-now';
import { usePageVisible } from '../../../lib/use-page-visible';
import { CompactRow } from './compact-row';
import { densityFor, LARGE_FROM, useDensityChoice } from './density';
import { isLiveJob, planTimeline } from './layout';
import { nextFailure, previousFailure, visibleRows } from './row-nav';
import './timeline.css';
import { TimelineAxis } from './timeline-axis';
import { TimelineRow } from './timeline-row';
import { TimelineToolbar } from './timeline-toolbar';
import { useDrawnRows } from './use-drawn-rows';
import { useSelectedRowFocus } from './use-row-focus';

// Only large jobs have it: loaded with the first one, not with the page (the first-load budget).
const OverviewStrip = lazy(() =>
  import('./overview-strip').then((module) => ({ default: module.OverviewStrip })),
);

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

  const large = layout.subJobCount >= LARGE_FROM;
  const [densityChoice, setDensity] = useDensityChoice();
  const density = densityFor(densityChoice, layout.subJobCount);
  const [shown, setShown] = useState<ReadonlySet<StatusKind>>(() => new Set());
  const shownRows = useMemo(() => visibleRows(layout.kinds, shown), [layout.kinds, shown]);
  // Position of a display index among the rows drawn (the filters leave some out).
  const positionOf = (index: number) => (shown.size === 0 ? index : shownRows.indexOf(index));
  const selectedPosition = selectedIndex < 0 ? -1 : positionOf(selectedIndex);

  const [drawn, drawAtLeast] = useDrawnRows(shownRows.length, selectedPosition + 1);
  // Rows are built as they are drawn: a large job's first screen does not wait for the rest.
  const rows = useMemo(
    () => shownRows.slice(0, drawn).map((index) => layout.rowAt(index)),
    [layout, shownRows, drawn],
  );
  const focusNow = useSelectedRowFocus(selectedRow?.domId);
  /** Draws, selects and focuses the row at display `index`, showing every state if filtered out. */
  const goTo = (index: number) => {
    const row = layout.rowAt(index);
    let position = positionOf(index);
    if (position < 0) {
      flushSync(() => setShown(new Set()));
      position = index;
    }
    flushSync(() => drawAtLeast(position + 1));
    focusNow(row.domId);
    if (row.linkId) select(row.linkId);
  };
  const firstFailed = layout.firstFailed;
  const jumpToFailure = firstFailed ? () => goTo(firstFailed.index) : undefined;
  const severalFailures = layout.failedCount > 1;
  const stepFailure = (forward: boolean) => () => {
    const from = selectedIndex < 0 ? (forward ? 0 : layout.rowCount) : selectedIndex;
    const found = forward ? nextFailure(layout.kinds, from) : previousFailure(layout.kinds, from);
    // At either end, go round: the list of failures is short and a dead button is confusing.
    const target =
      found >= 0
        ? found
        : forward
          ? nextFailure(layout.kinds, 0)
          : previousFailure(layout.kinds, layout.rowCount);
    if (target >= 0) goTo(target);
  };
  const Row = density === 'compact' ? CompactRow : TimelineRow;
  // The job card prints this reason in full; the rows refer to it rather than repeat it.
  // (`firstFailure`'s choice, read from the rows already laid out in the same order.)
  const reasonAbove = useMemo(() => {
    if (job.error_code || job.fail_reason) return job.fail_reason;
    for (
      let index = nextFailure(layout.kinds, 0);
      index > 0;
      index = nextFailure(layout.kinds, index)
    ) {
      const row = layout.rowAt(index);
      if (row.errorCode || row.failReason) return row.failReason;
    }
    return undefined;
  }, [job, layout]);

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
        onPreviousFailure={severalFailures ? stepFailure(false) : undefined}
        onNextFailure={severalFailures ? stepFailure(true) : undefined}
        missingSelection={selected !== undefined && !selectedRow ? selected : undefined}
        tools={
          large
            ? {
                shown,
                onToggle: (kind) =>
                  setShown((current) => {
                    const next = new Set(current);
                    if (!next.delete(kind)) next.add(kind);
                    return next;
                  }),
                onShowAll: () => setShown(new Set()),
                density,
                onDensity: setDensity,
              }
            : undefined
        }
      />
      <div
        className="group/timeline rounded-card border border-line bg-panel"
        data-live={layout.live}
        style={style}
      >
        {large ? (
          // The fallback holds the strip's room (caption and canvas, 96 px): nothing moves.
          <Suspense fallback={<div aria-hidden className="h-24 print:hidden" />}>
            <OverviewStrip kinds={layout.kinds} spans={layout.spans()} onPick={goTo} />
          </Suspense>
        ) : null}
        <TimelineAxis axis={layout.axis} live={layout.live} startText={layout.startText} />
        <ol
          aria-label="Job and sub-jobs on one time axis"
          data-density={density}
          className="divide-y divide-line"
        >
          {rows.map((row) => {
            const RowView = row.isJob ? TimelineRow : Row;
            return (
              <RowView
                key={row.key}
                row={row}
                selected={row.key === selectedRow?.key}
                shareUrl={row.key === selectedRow?.key ? shareUrl : undefined}
                onSelect={select}
                reasonAbove={reasonAbove}
              />
            );
          })}
        </ol>
        {drawn < shownRows.length ? (
          <p className="border-t border-line px-3 py-2 text-sm text-ink-muted">
            Drawing {shownRows.length - drawn} more row{shownRows.length - drawn === 1 ? '' : 's'}…
          </p>
        ) : null}
      </div>
    </div>
  );
});
