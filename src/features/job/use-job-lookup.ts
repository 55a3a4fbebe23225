import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { isFinal, statusKind } from '../../../common/job-status';
import { jobQueries, lastAnswerAt, pollStateOf } from '../../job/job-queries';
import { failureDisplay } from '../../job/polling';
import { rememberJob } from '../../job/recent-jobs';
import type { TabState } from '../../job/tab-status';
import { isSignedOut, type LookupTarget } from '../../lib/api-error';
import { useNow } from '../../lib/use-now';
import { usePageVisible } from '../../lib/use-page-visible';
import { useEndNotification } from './use-end-notification';

/**
 * The job of the address the document was opened at, when it was asked for before the page's
 * first render (`firstAnswer` in job-page.tsx). Its page takes that answer as it is, a failure
 * too: asked again on mount, a failure can come back as another (a refused IAM login is
 * followed by the server's minute of waiting, 429), and the first answer's reason would never
 * be shown. Until that page is on screen only: a later visit to a job asks again as usual.
 */
let askedBeforeRender: string | undefined;

const jobKey = (target: LookupTarget) => `${target.region}/${target.projectId}/${target.jobId}`;

export function markAskedBeforeRender(target: LookupTarget): void {
  askedBeforeRender = jobKey(target);
}

/**
 * One job, live: the answer on screen and its time, the page clock, the polling state, the
 * end notification, and what the tab and the recent-jobs list say about it.
 */
export function useJobLookup(target: LookupTarget) {
  const queryClient = useQueryClient();
  const visible = usePageVisible();

  // The notification hook needs the status, the query needs the notification state: the
  // status is read from the cache so that both hooks run in a fixed order.
  const cached = queryClient.getQueryData(jobQueries.detail(target).queryKey);
  const cachedStatus = cached ? statusKind(cached.job.status) : undefined;
  const notify = useEndNotification(cachedStatus, () => `${target.jobId} in ${target.region}`);
  const options = jobQueries.detail(target, { notifyRequested: notify.requested });
  // Read while rendering, let go once committed: a first render can be thrown away and done
  // again before it reaches the screen (a transition restarted by an update, a sibling that
  // suspends), and every attempt must see that the answer came first.
  const key = jobKey(target);
  const [answeredBeforeRender] = useState(() => askedBeforeRender === key);
  useEffect(() => {
    if (askedBeforeRender === key) askedBeforeRender = undefined;
  }, [key]);
  const query = useQuery({ ...options, retryOnMount: !answeredBeforeRender });

  // The answer on screen and its time, together. A new answer is drawn in the background in
  // slices of a few milliseconds (a deferred value renders as a transition), so building a big
  // job's view never blocks scrolling or typing; until it is drawn, the previous one stays.
  const shown = useDeferredValue(
    useMemo(
      // The time the cloud answered (an answer shared between viewers may be a moment old).
      () => ({ data: query.data, at: query.data?.receivedAt ?? query.dataUpdatedAt }),
      [query.data, query.dataUpdatedAt],
    ),
  );
  const data = shown.data;
  const status = data ? statusKind(data.job.status) : undefined;
  const live = status === undefined || !isFinal(status);
  const now = useNow(live && visible);
  const error = query.failureReason ?? query.error;
  const state = pollStateOf(
    {
      data,
      error: query.error,
      fetchFailureReason: query.failureReason,
      fetchFailureCount: query.failureCount,
    },
    // The interval said is the one scheduled: measured at the last answer, like the query's.
    {
      notifyRequested: notify.requested,
      hidden: !visible,
      now: lastAnswerAt(
        { dataUpdatedAt: query.dataUpdatedAt, errorUpdatedAt: query.errorUpdatedAt },
        now,
      ),
    },
  );

  // When the request in flight began, to say "waiting for an answer, 6 s so far" when it is
  // slower than the interval. Adjusted during render (React's documented pattern), to the
  // page clock's second.
  const [flight, setFlight] = useState({ fetching: query.isFetching, since: now });
  if (flight.fetching !== query.isFetching) setFlight({ fetching: query.isFetching, since: now });
  const inFlightMs = query.isFetching ? Math.max(0, now - flight.since) : undefined;

  const display = failureDisplay({
    hasData: data !== undefined,
    error,
    failureCount: query.failureReason ? query.failureCount : error ? 1 : 0,
    dataAgeMs: data ? now - shown.at : undefined,
  });
  // Signed out is not a lookup failure: it has its own notice, and polling waits for sign-in.
  const signedOut = error ? isSignedOut(error) : false;

  // What the tab's title and icon say (drawn by TabStatus, whose code follows the first paint).
  const tabState: TabState = status ?? (error && !data ? 'lookup-failed' : 'loading');

  const jobType = data?.job.job_type;
  const rawStatus = data?.job.status;
  useEffect(() => {
    if (data === undefined) return;
    rememberJob({ ...target, status: rawStatus, jobType, seenAt: Date.now() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- record once per status change, not per poll
  }, [rawStatus, jobType, data === undefined]);

  return {
    query,
    notify,
    data,
    dataAt: shown.at,
    now,
    error,
    state,
    inFlightMs,
    display,
    signedOut,
    tabState,
  };
}

export type JobLookup = ReturnType<typeof useJobLookup>;
