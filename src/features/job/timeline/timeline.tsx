import { lazy, memo, Suspense, useMemo, type CSSProperties } from 'react';
import type { Job } from '../../../job/job-schema';
import type { ZoneChoice } from '../../../job/time';
import { CompactRow } from './compact-row';
import { densityFor, LARGE_FROM, useDensityChoice } from './density';
import './timeline.css';
import { TimelineAxis } from './timeline-axis';
import { TimelineRow } from './timeline-row';
import { TimelineToolbar } from './timeline-toolbar';
import { NowLineContext, useNowLine } from './use-now-line';
import {
  useReasonAbove,
  useSubJobSelection,
  useTimelinePlan,
  useTimelineRows,
} from './use-timeline';

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
  const layout = useTimelinePlan(job, zone, pageNow);
  const selection = useSubJobSelection(layout);
  const { selected, selectedRow, select, shareUrl } = selection;
  const [densityChoice, setDensity] = useDensityChoice();
  const density = densityFor(densityChoice, layout.subJobCount);
  const nav = useTimelineRows(layout, selection, density === 'compact');
  const reasonAbove = useReasonAbove(job, layout);
  const large = layout.subJobCount >= LARGE_FROM;
  const severalFailures = layout.failedCount > 1;
  const firstFailed = layout.firstFailed;
  const Row = density === 'compact' ? CompactRow : TimelineRow;
  const style = {
    '--tl-intervals': layout.axis ? layout.axis.ticks.length - 1 : 1,
  } as CSSProperties;
  const filterShown = large || nav.filter.active || nav.filter.unknownStatuses.length > 0;
  const tools = useMemo(
    () =>
      filterShown
        ? {
            filter: nav.filter,
            shownSubJobs: nav.shownSubJobs,
            ...(large ? { density, onDensity: setDensity } : {}),
          }
        : undefined,
    [filterShown, nav.filter, nav.shownSubJobs, large, density, setDensity],
  );
  const { cardRef, onTrack } = useNowLine(layout.nowPct === null ? '' : `${layout.nowPct}%`);

  return (
    <div className="space-y-3 [print-color-adjust:exact]">
      <TimelineToolbar
        total={layout.subJobCount}
        listed={job.sub_jobs !== undefined}
        counts={layout.counts}
        onJumpToFailure={firstFailed ? nav.goToFirstFailure : undefined}
        onPreviousFailure={severalFailures ? nav.previousFailure : undefined}
        onNextFailure={severalFailures ? nav.nextFailure : undefined}
        missingSelection={selected !== undefined && !selectedRow ? selected : undefined}
        // A link's filters are shown (and can be cleared) on any job; the tools otherwise
        // come with the large ones.
        tools={tools}
      />
      <div
        ref={cardRef}
        className="group/timeline rounded-card border border-line bg-panel"
        data-live={layout.live}
        style={style}
      >
        {large ? (
          // The fallback holds the strip's room (caption and canvas, 96 px): nothing moves.
          <Suspense fallback={<div aria-hidden className="h-24 print:hidden" />}>
            <OverviewStrip kinds={layout.kinds} spans={layout.spans} onPick={nav.goTo} />
          </Suspense>
        ) : null}
        <TimelineAxis
          axis={layout.axis}
          live={layout.live}
          nowPct={layout.nowPct}
          startText={layout.startText}
        />
        <NowLineContext value={onTrack}>
          <ol
            ref={nav.listRef}
            aria-label="Job and sub-jobs on one time axis"
            data-density={density}
            data-virtual={nav.listHeight === undefined ? undefined : ''}
            className="relative divide-y divide-line"
            style={nav.listHeight === undefined ? undefined : { height: nav.listHeight }}
          >
            {nav.rows.map(({ row, place }) => {
              const RowView = row.isJob ? TimelineRow : Row;
              return (
                <RowView
                  key={row.key}
                  row={row}
                  selected={row.key === selectedRow?.key}
                  shareUrl={row.key === selectedRow?.key ? shareUrl : undefined}
                  onSelect={select}
                  reasonAbove={reasonAbove}
                  place={place}
                  measure={nav.measure}
                />
              );
            })}
          </ol>
        </NowLineContext>
        {nav.drawn < nav.shownCount ? (
          <p className="border-t border-line px-3 py-2 text-sm text-ink-muted">
            Drawing {nav.shownCount - nav.drawn} more row
            {nav.shownCount - nav.drawn === 1 ? '' : 's'}…
          </p>
        ) : null}
      </div>
    </div>
  );
});
