import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { paths } from '../../app/paths';
import { isSignedOut, type LookupTarget } from '../../lib/api-error';
import { publicLink } from '../../lib/base-path';
import { rememberJob, useRecentJobs } from '../../job/recent-jobs';
import { regionNameBeside, regionsQuery } from '../../lib/regions-query';
import { isFinal, statusKind } from '../../job/status';
import { useNow } from '../../lib/use-now';
import { useZone } from '../../job/use-zone';
import { jobQueries, pollStateOf } from '../../job/job-queries';
import { AddToBoardLink } from './add-to-board-link';
import { ContractWarnings } from './contract-warnings';
import { Freshness } from './freshness';
import { JobSummary } from './job-summary';
import { ZoneSwitch } from '../../components/ui/zone-switch';
import { NotifyButton } from './job-toolbar';
import { failureDisplay } from '../../job/polling';
import { useTabStatus } from '../../job/tab-status';
import { TicketActions } from './ticket/ticket-actions';
import { useTicketView } from '../../job/use-ticket-view';
import { Timeline } from './timeline/timeline';
import { useEndNotification } from './use-end-notification';
import { usePageVisible } from '../../lib/use-page-visible';
import { lazyComponent, usePreloadOnIdle } from '../../lib/on-demand';
import { loadTicketExports } from './ticket/load-exports';

// Shown only when a lookup fails: its own chunk, fetched once the page is idle (decision 0006).
// Signed out (only with sign-in on) shares the lookup-failure panel's chunk: a chunk of its
// own would split lucide out of the entry and cost the first load more than it saves.
const SignedOutNotice = lazyComponent(
  () => import('./lookup-failure'),
  (module) => module.SignedOutNotice,
);
const LookupFailure = lazyComponent(
  () => import('./lookup-failure'),
  (module) => module.LookupFailure,
);
// Drawn only into a PNG of a large job, never on screen: fetched once the job is drawn.
const LeftOutNote = lazyComponent(
  () => import('./ticket/left-out-note'),
  (module) => module.LeftOutNote,
);

export function JobView({ target }: { target: LookupTarget }) {
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery);
  const [zone, setZone] = useZone();
  const visible = usePageVisible();

  // The notification hook needs the status, the query needs the notification state: the
  // status is read from the cache so that both hooks run in a fixed order.
  const cached = queryClient.getQueryData(jobQueries.detail(target).queryKey);
  const cachedStatus = cached ? statusKind(cached.job.status) : undefined;
  const notify = useEndNotification(cachedStatus, () => `${target.jobId} in ${target.region}`);
  const query = useQuery(jobQueries.detail(target, { notifyRequested: notify.requested }));

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
    { notifyRequested: notify.requested, hidden: !visible, now },
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
  const failure = error && !signedOut && display === 'full' ? (
    <Suspense fallback={null}>
      <LookupFailure error={error} stale={data !== undefined} regions={regions.data?.regions ?? []} zone={zone} />
    </Suspense>
  ) : null;
  usePreloadOnIdle(LookupFailure.preload, loadTicketExports);

  useTabStatus(status ?? (error && !data ? 'lookup-failed' : 'loading'), data?.job.job_type, target.jobId);

  const jobType = data?.job.job_type;
  const rawStatus = data?.job.status;
  useEffect(() => {
    if (data === undefined) return;
    rememberJob({ ...target, status: rawStatus, jobType, seenAt: Date.now() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- record once per status change, not per poll
  }, [rawStatus, jobType, data === undefined]);

  const firstSeenAt = useRecentJobs().find(
    (job) => job.region === target.region && job.projectId === target.projectId && job.jobId === target.jobId,
  )?.firstSeenAt;
  // Shown beside the region's code (card, summary): its name without the code again.
  const regionName = regionNameBeside(
    target.region,
    regions.data?.regions.find((r) => r.id === target.region)?.name,
  );
  const simulated = regions.data?.simulated ?? false;
  const permalink = publicLink(paths.job(target));
  const ticket = useTicketView();
  const captureRef = useRef<HTMLDivElement>(null);

  return (
    <div className="space-y-4" ref={captureRef} data-ticket-region>
      {/* The freshness line has a row of its own: a longer line (a failed poll, "Retry now") never
          wraps the tools below it, so the card below them never moves. */}
      <div className="space-y-3">
        <Freshness
          dataAt={data ? shown.at : undefined}
          state={state}
          now={now}
          zone={zone}
          error={error}
          inFlightMs={inFlightMs}
          fetching={query.isFetching}
          onRefresh={() => void query.refetch()}
        />
        <div className="flex flex-wrap items-center gap-3">
          <AddToBoardLink target={target} />
          <NotifyButton state={notify.state} finished={state.mode === 'stopped' || (!data && !!error)} onRequest={() => void notify.request()} onCancel={notify.cancel} />
          <ZoneSwitch zone={zone} onChange={setZone} />
        </div>
      </div>
      {data ? (
        <TicketActions
          data={data}
          target={target}
          dataAt={shown.at}
          regionName={regionName}
          simulated={simulated}
          permalink={permalink}
          regionRef={captureRef}
        />
      ) : null}
      {signedOut ? (
        <Suspense fallback={null}>
          <SignedOutNotice stale={data !== undefined} />
        </Suspense>
      ) : null}
      {/* With data on screen the explanation goes below the card: it never moves it. */}
      {data === undefined ? failure : null}
      {data === undefined && !error ? (
        <p role="status" className="rounded-card border border-line bg-panel p-5 text-ink-muted">
          Asking SFS Turbo for job {target.jobId}…
        </p>
      ) : null}
      {data ? (
        <>
          <ContractWarnings warnings={data.warnings} expanded={ticket} />
          <JobSummary
            job={data.job}
            target={target}
            regionName={regionName}
            requestId={data.requestId}
            zone={zone}
            now={now}
            permalink={permalink}
            simulated={simulated}
            firstSeenAt={firstSeenAt}
          />
          {failure}
          <section aria-labelledby="sub-jobs-title" className="space-y-2">
            <h2 id="sub-jobs-title" className="text-lg font-semibold">
              Timeline: the job and its sub-jobs
            </h2>
            <Timeline job={data.job} zone={zone} now={now} />
          </section>
          <Suspense fallback={null}>
            <LeftOutNote job={data.job} />
          </Suspense>
        </>
      ) : null}
    </div>
  );
}
