import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import { useLocation, useSearchParams } from 'react-router';
import type { StatusKind } from '../../../../common/job-status';
import { firstFailure } from '../../../job/first-failure';
import type { Job } from '../../../job/job-schema';
import type { ZoneChoice } from '../../../job/time';
import { publicLink } from '../../../lib/base-path';
import { useNow } from '../../../lib/use-now';
import { usePageVisible } from '../../../lib/use-page-visible';
import { isLiveJob, planTimeline, type TimelinePlan } from './layout';
import {
  nextFailure,
  parseStatusParam,
  previousFailure,
  statusParam,
  visibleRows,
} from './row-nav';
import { useDrawnRows } from './use-drawn-rows';
import { useSelectedRowFocus } from './use-row-focus';
import { estimateRowPx, useVirtualRows } from './use-virtual-rows';

/** The job laid out on its axis, on the page's clock (or its own while live). */
export function useTimelinePlan(
  job: Job,
  zone: ZoneChoice,
  pageNow: number | undefined,
): TimelinePlan {
  const live = isLiveJob(job);
  const visible = usePageVisible();
  const ownNow = useNow(live && visible && pageNow === undefined);
  const now = pageNow ?? ownNow;
  // A finished job does not depend on the clock. Of a live one, the now line (and the axis)
  // follow every second, and a large job's overview every 5 s; rows keep their objects, their
  // running times tick by themselves (`Elapsed`), and their bars end at the now line (CSS).
  const layoutNow = live ? now : 0;
  const overviewNow =
    (job.sub_jobs?.length ?? 0) > 200 ? layoutNow - (layoutNow % 5000) : layoutNow;
  return useMemo(
    () => planTimeline(job, layoutNow, zone, { overviewNow }),
    [job, layoutNow, overviewNow, zone],
  );
}

/** The address's parameters that narrow the rows (`useRowFilter`). */
const FILTER_PARAMS = ['status', 'q'] as const;

/** The sub-job the address selects (`?sub=`), a stable way to select one, and its link. */
export function useSubJobSelection(layout: TimelinePlan) {
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
  /** With `clearFilters`, in the same change of address (a second would undo the first). */
  const select = useCallback((linkId: string, clearFilters = false) => {
    setParamsRef.current(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('sub', linkId);
        if (clearFilters) for (const name of FILTER_PARAMS) next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, []);
  const shareUrl =
    selected !== undefined && typeof window !== 'undefined'
      ? publicLink(`${pathname}?sub=${encodeURIComponent(selected)}`)
      : undefined;
  return { selected, selectedIndex, selectedRow, select, shareUrl };
}

/**
 * The status filters and the search, kept in the address (`?status=failed,running&q=0032`)
 * so that a copied link opens the same view. Every change replaces the history entry: typing
 * does not leave a trail for the back button, as `?sub=` does not.
 */
export function useRowFilter() {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusValue = searchParams.get('status');
  const { shown, unknown } = useMemo(() => parseStatusParam(statusValue), [statusValue]);
  const query = searchParams.get('q') ?? '';
  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          change(next);
          return next;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setSearchParams],
  );
  // One object while the address stays: the toolbar, memoised on it, is left alone while the
  // list scrolls (each scrolled frame renders the timeline again).
  return useMemo(() => {
    const setParam = (next: URLSearchParams, name: string, value: string) => {
      if (value === '') next.delete(name);
      else next.set(name, value);
    };
    return {
      shown,
      query,
      /** Words of `?status=` that name no state. */
      unknownStatuses: unknown,
      active: shown.size > 0 || query.trim() !== '',
      toggle: (kind: StatusKind) =>
        update((next) => {
          const states = new Set(shown);
          if (!states.delete(kind)) states.add(kind);
          setParam(next, 'status', statusParam(states));
        }),
      setQuery: (value: string) => update((next) => setParam(next, 'q', value)),
      clear: () =>
        update((next) => {
          for (const name of FILTER_PARAMS) next.delete(name);
        }),
    };
  }, [shown, query, unknown, update]);
}

/**
 * A function of one identity for the component's life that calls the latest `handler`: for
 * props of memoised parts (toolbar, overview) that must not change on every render.
 */
function useStableHandler<A extends unknown[]>(
  handler: (...args: A) => void,
): (...args: A) => void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/**
 * The rows under the status filters and the search, and the moves between them: to a row
 * (mounted, scrolled to, selected and focused, the filters cleared if they hide it) and from
 * failure to failure. A large list is virtualised (`useVirtualRows`): only the rows on screen
 * are in the page.
 */
export function useTimelineRows(
  layout: TimelinePlan,
  selection: ReturnType<typeof useSubJobSelection>,
  compact: boolean,
) {
  const { selectedIndex, selectedRow, select } = selection;
  const filter = useRowFilter();
  const { shown } = filter;
  // The field follows every key at once; the rows follow when there is time (a large job).
  const query = useDeferredValue(filter.query);
  const shownRows = useMemo(
    () => visibleRows(layout.kinds, { shown, query }, layout.searchText),
    [layout.kinds, layout.searchText, shown, query],
  );
  const filtered = shownRows.length !== layout.rowCount;
  // Position of a display index among the rows drawn (the filters leave some out).
  const positionOf = (index: number) => (filtered ? shownRows.indexOf(index) : index);
  const selectedPosition = selectedIndex < 0 ? -1 : positionOf(selectedIndex);
  // The row last gone to, kept mounted until the selection names it.
  const [target, setTarget] = useState(-1);

  const listRef = useRef<HTMLOListElement>(null);
  const kinds = layout.kinds;
  const estimate = useCallback(
    (position: number) => estimateRowPx(compact, kinds[shownRows[position] ?? 0] === 'failed'),
    [compact, kinds, shownRows],
  );
  const keyAt = useCallback(
    (position: number) => `${shownRows[position] ?? position}`,
    [shownRows],
  );
  const { virtualizer, enabled: virtual } = useVirtualRows({
    listRef,
    count: shownRows.length,
    estimate,
    keyAt,
    pinned: [selectedPosition, target],
  });

  const [drawn, drawAtLeast] = useDrawnRows(
    virtual ? 0 : shownRows.length,
    virtual ? 0 : selectedPosition + 1,
  );
  const items = virtual ? virtualizer.getVirtualItems() : undefined;
  // Rows are built as they are drawn: a large job's first screen does not wait for the rest.
  const rows = useMemo(
    () =>
      items
        ? items.map((item) => ({
            row: layout.rowAt(shownRows[item.index] ?? 0),
            place: { index: item.index, top: item.start - virtualizer.options.scrollMargin },
          }))
        : shownRows
            .slice(0, drawn)
            .map((index) => ({ row: layout.rowAt(index), place: undefined })),
    [items, layout, shownRows, drawn, virtualizer],
  );

  const scrollToPosition = (position: number, align: 'center' | 'auto') => {
    if (virtual && position >= 0) virtualizer.scrollToIndex(position, { align });
  };
  const focusNow = useSelectedRowFocus(
    selectedRow?.domId,
    virtual ? () => scrollToPosition(selectedPosition, 'center') : undefined,
  );
  const goTo = (index: number) => {
    const row = layout.rowAt(index);
    let position = positionOf(index);
    const hidden = position < 0;
    if (hidden) {
      flushSync(() => (row.linkId ? select(row.linkId, true) : filter.clear()));
      position = index;
    }
    flushSync(() => {
      drawAtLeast(position + 1);
      setTarget(position);
    });
    scrollToPosition(position, 'center');
    focusNow(row.domId, virtual);
    if (row.linkId && !hidden) select(row.linkId);
  };
  const stepFailure = (forward: boolean) => {
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
  const stableGoTo = useStableHandler(goTo);
  const stableStep = useStableHandler(stepFailure);
  const nextFailureHandler = useCallback(() => stableStep(true), [stableStep]);
  const previousFailureHandler = useCallback(() => stableStep(false), [stableStep]);
  const firstFailureHandler = useCallback(() => {
    const index = layout.firstFailed?.index;
    if (index !== undefined) stableGoTo(index);
  }, [layout.firstFailed?.index, stableGoTo]);
  return {
    filter,
    /** Sub-jobs left by the filters and the search (the job's own row is always drawn). */
    shownSubJobs: shownRows.length - 1,
    shownCount: shownRows.length,
    drawn: virtual ? shownRows.length : drawn,
    rows,
    listRef,
    /** The list's height while virtualised (its rows are placed absolutely), else undefined. */
    listHeight: virtual ? virtualizer.getTotalSize() : undefined,
    measure: virtual ? virtualizer.measureElement : undefined,
    /** These keep one identity while the scroll moves and the clock ticks. */
    goTo: stableGoTo,
    goToFirstFailure: firstFailureHandler,
    nextFailure: nextFailureHandler,
    previousFailure: previousFailureHandler,
  };
}

/**
 * The failure reason the job card prints in full, which the rows refer to rather than repeat:
 * `firstFailure`'s choice, the card's own. `layout` is kept so that callers need not change.
 */
export function useReasonAbove(job: Job, _layout: TimelinePlan): string | undefined {
  return useMemo(() => firstFailure(job)?.reason, [job]);
}
