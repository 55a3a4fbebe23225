import { Maximize2, ZoomIn } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseApiTime } from '../../../common/api-time';
import { isFinal, statusKind } from '../../../common/job-status';
import { Button } from '../../components/ui/button';
import { StatusIcon } from '../../components/ui/status-badge';
import { boardAxis, type BoardAxisOptions } from '../../job/axis';
import { boardRef } from '../../job/board-link';
import { durationOf } from '../../job/durations';
import { jobTypeLabel } from '../../job/job-types';
import { STATUS_LABEL } from '../../job/status';
import { statusTone } from '../../job/status-tone';
import { formatDuration, type ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { cn } from '../../lib/cn';
import { useNow } from '../../lib/use-now';
import { shortIds } from './short-ids';
import { fittingTickLabels } from './tick-labels';
import { useBoardSnapshots } from './use-board-snapshots';

/** However short a job, its bar stays this wide: a sliver is not a job one can point at. */
const MIN_BAR_PX = 4;

type View = { kind: 'fit'; cutIdle: boolean } | { kind: 'zoom'; key: string };

/**
 * The incident on one time axis: a bar per job, its sub-jobs within, running jobs up to "now".
 * Jobs hours apart stay readable: idle stretches are cut to a break mark (the default; the
 * axis to scale is one tick box away), and any row can be zoomed to, its neighbours clipped.
 */
export function BoardTimeline({
  jobs,
  zone,
  editable,
}: {
  jobs: readonly LookupTarget[];
  zone: ZoneChoice;
  editable: boolean;
}) {
  const snapshots = useBoardSnapshots(jobs);
  const [view, setView] = useState<View>({ kind: 'fit', cutIdle: true });
  const items = useMemo(
    () =>
      jobs.flatMap((target, index) => {
        const job = snapshots[index]?.data?.job;
        return job ? [{ key: boardRef(target), job, target, position: index + 1 }] : [];
      }),
    [jobs, snapshots],
  );
  const short = useMemo(() => shortIds(jobs.map((job) => job.jobId)), [jobs]);
  const live = items.some(({ job }) => job.end_time === undefined && job.begin_time !== undefined);
  // It moves on while off screen too (a picture or a print of the board takes it as it is),
  // but the browser then neither lays it out nor paints it: see the section's class.
  const now = useNow(live, 5_000);
  const zoomed = view.kind === 'zoom' ? items.find((item) => item.key === view.key) : undefined;
  const options = useMemo((): BoardAxisOptions => {
    if (view.kind === 'fit') return { cutIdle: view.cutIdle };
    const job = zoomed?.job;
    const begin = parseApiTime(job?.begin_time);
    if (!job || begin.kind !== 'ok') return { cutIdle: true };
    const end = parseApiTime(job.end_time);
    const endMs = end.kind === 'ok' ? end.ms : isFinal(statusKind(job.status)) ? begin.ms : now;
    // A tenth either side (at least a second), so the bar's ends are seen as ends.
    const pad = Math.max(1_000, (endMs - begin.ms) / 10);
    return { window: { startMs: begin.ms - pad, endMs: endMs + pad } };
  }, [view, zoomed, now]);
  // The button goes with the zoom; the keyboard goes back to the row it was zoomed to.
  const showAll = () => {
    const key = view.kind === 'zoom' ? view.key : '';
    setView({ kind: 'fit', cutIdle: true });
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-zoom="${CSS.escape(key)}"]`)?.focus(),
    );
  };
  const axis = useMemo(() => boardAxis(items, now, zone, options), [items, now, zone, options]);
  // How wide the tick labels' row is, so that labels that would overlap are left out.
  const labelRow = useRef<HTMLDivElement>(null);
  const [labelRowPx, setLabelRowPx] = useState(0);
  const drawn = axis !== undefined;
  useEffect(() => {
    const row = labelRow.current;
    if (!row || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setLabelRowPx(row.clientWidth));
    observer.observe(row);
    return () => observer.disconnect();
  }, [drawn]);
  const fits = useMemo(
    () => (axis ? fittingTickLabels(axis.ticks, labelRowPx) : []),
    [axis, labelRowPx],
  );
  return (
    <section
      aria-labelledby="board-axis-title"
      className="rounded-card border border-line bg-panel p-3 [contain-intrinsic-size:auto_20rem] [content-visibility:auto]"
      data-axis-view={zoomed ? 'zoom' : view.kind === 'fit' && view.cutIdle ? 'cut' : 'scale'}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="board-axis-title" className="text-sm font-semibold">
          One time axis for the incident
          {zoomed ? (
            <span className="font-normal text-ink-muted"> · zoomed to job {zoomed.position}</span>
          ) : null}
        </h2>
        {editable && axis ? (
          <div className="flex flex-wrap items-center gap-3 text-xs print:hidden">
            {zoomed ? (
              <Button size="sm" onClick={showAll}>
                <Maximize2 className="size-3.5" aria-hidden /> Show all jobs
              </Button>
            ) : (
              <label className="inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={view.kind === 'fit' && view.cutIdle}
                  onChange={(event) => setView({ kind: 'fit', cutIdle: event.target.checked })}
                />
                Cut idle stretches out of the axis
              </label>
            )}
          </div>
        ) : null}
      </div>
      {!axis ? (
        <p className="text-sm text-ink-muted">No job on the board has begun yet.</p>
      ) : (
        <div className="mt-2 grid grid-cols-[minmax(0,12rem)_minmax(0,1fr)] gap-x-2 gap-y-1 text-xs">
          <span />
          <div ref={labelRow} className="relative h-4 text-ink-muted" aria-hidden>
            {axis.ticks.map((tick, index) => {
              const edge = index === 0 || index === axis.ticks.length - 1;
              // Between the edges: the middle tick, or (cut axis) where each busy stretch begins.
              const labelled =
                (edge || tick.pct === 50 || axis.breaks.length > 0) && fits[index] !== false;
              return (
                <span
                  key={`${tick.pct}-${index}`}
                  className={cn(
                    'absolute whitespace-nowrap',
                    index === 0
                      ? 'left-0'
                      : index === axis.ticks.length - 1
                        ? 'right-0'
                        : 'hidden -translate-x-1/2 md:inline',
                  )}
                  style={edge ? undefined : { left: `${tick.pct}%` }}
                >
                  {labelled ? tick.label : ''}
                </span>
              );
            })}
          </div>
          {items.map(({ key, target, job, position }) => {
            const bar = axis.bars.get(key);
            const type = jobTypeLabel(job.job_type) ?? job.job_type ?? 'unknown type';
            const took = durationOf(job, !isFinal(statusKind(job.status)), now);
            const tookText =
              took.kind === 'finished'
                ? `took ${formatDuration(took.ms)}`
                : took.kind === 'elapsed'
                  ? `running for ${formatDuration(took.ms)}`
                  : '';
            const name = `${position}. ${short.get(target.jobId) ?? target.jobId} · ${type}`;
            return (
              <div key={key} className="contents">
                <span
                  className="flex min-w-0 items-center gap-1"
                  title={`${target.jobId} · ${type}${tookText ? ` · ${tookText}` : ''}`}
                >
                  {bar ? <StatusIcon kind={bar.status} spin={false} className="size-3.5" /> : null}
                  <span className="truncate" data-axis-label>
                    {name}
                  </span>
                  {bar ? <span className="sr-only">{STATUS_LABEL[bar.status]}</span> : null}
                  {editable && bar ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="ml-auto h-5 shrink-0 px-1"
                      aria-label={`Zoom the axis to job ${position}`}
                      aria-pressed={zoomed?.key === key}
                      data-zoom={key}
                      onClick={() => setView({ kind: 'zoom', key })}
                    >
                      <ZoomIn className="size-3.5" aria-hidden />
                    </Button>
                  ) : null}
                </span>
                <div
                  className="relative h-4 overflow-hidden rounded-sm bg-surface"
                  data-axis-row={key}
                >
                  {axis.breaks.map((cut) => (
                    <span
                      key={cut.pct}
                      className="absolute top-0 h-full w-[3%] -translate-x-1/2 border-x border-dashed border-ink-muted bg-panel"
                      style={{ left: `${cut.pct}%` }}
                      data-axis-break
                      aria-hidden
                    />
                  ))}
                  {bar && bar.width > 0 ? (
                    <div
                      className={cn(
                        'absolute top-0 h-full rounded-sm border',
                        statusTone({ look: 'bar', kind: bar.status }),
                      )}
                      style={{
                        left: `min(${bar.left}%, calc(100% - ${MIN_BAR_PX}px))`,
                        width: `${bar.width}%`,
                        minWidth: `${MIN_BAR_PX}px`,
                      }}
                      title={`${name}${tookText ? `: ${tookText}` : ''}`}
                      data-axis-bar={bar.status}
                    >
                      {bar.subs.map((sub, index) => (
                        <span
                          key={index}
                          className={cn(
                            'absolute top-1 h-1.5 rounded-full opacity-80',
                            statusTone({ look: 'fill', kind: sub.status }),
                          )}
                          style={{
                            left: `${((sub.left - bar.left) / bar.width) * 100}%`,
                            width: `${(sub.width / bar.width) * 100}%`,
                          }}
                        />
                      ))}
                    </div>
                  ) : bar ? (
                    <span className="absolute inset-0 pl-1 text-ink-muted">outside the zoom</span>
                  ) : (
                    <span className="absolute inset-0 pl-1 text-ink-muted">not begun</span>
                  )}
                  {axis.nowPct !== undefined ? (
                    <span
                      className="absolute top-0 h-full border-l-2 border-dashed border-ink"
                      style={{ left: `${axis.nowPct}%` }}
                      aria-hidden
                    />
                  ) : null}
                </div>
              </div>
            );
          })}
          {axis.nowPct !== undefined ? (
            <p className="col-span-2 text-ink-muted">
              The dashed line is now; running jobs reach it.
            </p>
          ) : null}
          {axis.breaks.length > 0 ? (
            <p className="col-span-2 text-ink-muted" data-axis-breaks>
              Idle stretches cut out (the dashed bands):{' '}
              {axis.breaks.map((cut) => formatDuration(cut.hiddenMs)).join(', ')}. Bars are at least{' '}
              {MIN_BAR_PX} px wide; hover one for how long it took.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
