import { useQuery } from '@tanstack/react-query';
import { Suspense, useRef } from 'react';
import type { ZoneChoice } from '../../job/time';
import { useTicketView } from '../../job/use-ticket-view';
import { useZone } from '../../job/use-zone';
import type { LookupTarget } from '../../lib/api-error';
import { lazyComponent, usePreloadOnIdle } from '../../lib/on-demand';
import { regionsQuery } from '../../lib/regions-query';
import { Freshness } from './freshness';
import { JobSummary } from './job-summary';
import { loadTicketExports } from './ticket/load-exports';
import { useJobLookup, type JobLookup } from './use-job-lookup';
import { useJobPlace } from './use-job-place';

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
// Drawn with the job, above it, but not needed to paint its status: fetched once the page is
// idle, which is nearly always before the answer (decision 0006).
const TicketActions = lazyComponent(
  () => import('./ticket/ticket-actions'),
  (module) => module.TicketActions,
);
// The tools above the card (board, notification, time zone) are not needed to paint the job:
// they follow the first paint, in one chunk (each time on the card says its zone meanwhile).
const JobToolbar = lazyComponent(
  () => import('./job-toolbar'),
  (module) => module.JobToolbar,
);
// The tab's title and icon follow the page's first paint.
const TabStatus = lazyComponent(
  () => import('./tab-status-effect'),
  (module) => module.TabStatus,
);
// Below the summary: the status is on screen before its code arrives (decision 0006).
const Timeline = lazyComponent(
  () => import('./timeline/timeline'),
  (module) => module.Timeline,
);
// Only for an answer that did not fit the API contract (rare): its code follows (decision 0006).
const ContractWarnings = lazyComponent(
  () => import('./contract-warnings'),
  (module) => module.ContractWarnings,
);
// Under the card, the server's memory of the job (history and watch): its data comes from the
// server after the job's, and its code follows the first paint too. (The record of a job the
// cloud forgot is drawn by the lookup-failure panel, which is on demand already.)
const JobMemory = lazyComponent(
  () => import('./memory/job-memory'),
  (module) => module.JobMemory,
);
// Drawn only into a PNG of a large job, never on screen: fetched once the job is drawn.
const LeftOutNote = lazyComponent(
  () => import('./ticket/left-out-note'),
  (module) => module.LeftOutNote,
);

export function JobView({ target }: { target: LookupTarget }) {
  const regions = useQuery(regionsQuery);
  const [zone, setZone] = useZone();
  const lookup = useJobLookup(target);
  const { data, dataAt, now, error, display, signedOut } = lookup;
  const failure =
    error && !signedOut && display === 'full' ? (
      <Suspense fallback={null}>
        <LookupFailure
          error={error}
          stale={data !== undefined}
          regions={regions.data?.regions ?? []}
          zone={zone}
        />
      </Suspense>
    ) : null;
  usePreloadOnIdle(
    Timeline.preload,
    TicketActions.preload,
    LookupFailure.preload,
    loadTicketExports,
  );
  const { firstSeenAt, regionName, simulated, permalink } = useJobPlace(target);
  const ticket = useTicketView();
  const captureRef = useRef<HTMLDivElement>(null);

  return (
    <div className="space-y-4" ref={captureRef} data-ticket-region>
      <Suspense fallback={null}>
        <TabStatus state={lookup.tabState} jobType={data?.job.job_type} jobId={target.jobId} />
      </Suspense>
      <JobTools target={target} lookup={lookup} zone={zone} onZone={setZone} />
      {data ? (
        // Should the code come after the answer, the row's height is kept for it.
        <Suspense fallback={<div className="min-h-7 print:hidden" />}>
          <TicketActions
            data={data}
            target={target}
            dataAt={dataAt}
            regionName={regionName}
            simulated={simulated}
            permalink={permalink}
            regionRef={captureRef}
          />
        </Suspense>
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
          {data.warnings.length > 0 ? (
            <Suspense fallback={null}>
              <ContractWarnings warnings={data.warnings} expanded={ticket} />
            </Suspense>
          ) : null}
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
          <Suspense fallback={null}>
            <JobMemory target={target} job={data.job} zone={zone} />
          </Suspense>
          {failure}
          <section aria-labelledby="sub-jobs-title" className="space-y-2">
            <h2 id="sub-jobs-title" className="text-lg font-semibold">
              Timeline: the job and its sub-jobs
            </h2>
            <Suspense fallback={<p className="text-ink-muted">Drawing the timeline…</p>}>
              <Timeline job={data.job} zone={zone} now={now} />
            </Suspense>
          </section>
          <Suspense fallback={null}>
            <LeftOutNote job={data.job} />
          </Suspense>
        </>
      ) : null}
    </div>
  );
}

/** Above the card: how fresh the answer is, then what one can do with the job. */
function JobTools({
  target,
  lookup,
  zone,
  onZone,
}: {
  target: LookupTarget;
  lookup: JobLookup;
  zone: ZoneChoice;
  onZone: (zone: ZoneChoice) => void;
}) {
  const { notify } = lookup;
  return (
    <>
      {/* The freshness line has a row of its own: a longer line (a failed poll, "Retry now") never
        wraps the tools below it, so the card below them never moves. */}
      <div className="space-y-3">
        <Freshness
          dataAt={lookup.data ? lookup.dataAt : undefined}
          state={lookup.state}
          now={lookup.now}
          zone={zone}
          error={lookup.error}
          inFlightMs={lookup.inFlightMs}
          fetching={lookup.query.isFetching}
          onRefresh={() => void lookup.query.refetch()}
        />
        {/* The tools arrive after the first paint: their row keeps its height meanwhile. */}
        <div className="flex min-h-7 flex-wrap items-center gap-3">
          <Suspense fallback={null}>
            <JobToolbar
              target={target}
              zone={zone}
              onZone={onZone}
              state={notify.state}
              finished={lookup.state.mode === 'stopped' || (!lookup.data && !!lookup.error)}
              onRequest={() => void notify.request()}
              onCancel={notify.cancel}
              onRecheck={notify.recheck}
            />
          </Suspense>
        </div>
      </div>
    </>
  );
}
