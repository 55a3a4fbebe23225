import { Archive } from 'lucide-react';
import { Suspense } from 'react';
import { isFinal, statusKind } from '../../../../common/job-status';
import { goneText, recordedJob } from '../../../job/history-words';
import { formatDateTime, type ZoneChoice } from '../../../job/time';
import type { LookupTarget } from '../../../lib/api-error';
import { lazyComponent } from '../../../lib/on-demand';
import { JobSummary } from '../job-summary';
import { useJobPlace } from '../use-job-place';
import { SeenHistory } from './seen-history';
import { useHistory } from './use-history';

const Timeline = lazyComponent(
  () => import('../timeline/timeline'),
  (module) => module.Timeline,
);

/**
 * The cloud answers 404 for a job the dashboard's server has seen: the page says so, and shows
 * the last answer the server recorded as the job view, frozen at the time it was recorded and
 * marked as a record on every side. Nothing when the server saw nothing (or keeps no memory).
 */
export function GoneRecord({ target, zone }: { target: LookupTarget; zone: ZoneChoice }) {
  const history = useHistory(target, undefined).data;
  const place = useJobPlace(target);
  if (!history) return null;
  const record = recordedJob(history);
  // The record's own time: durations and bars stop there, nothing ticks.
  const at = Date.parse(history.latest.at);
  const atText = formatDateTime(at, zone);
  const recordFrom = `Record from ${atText.text} ${atText.zone}, not live`;
  return (
    <div className="space-y-4" data-job-record>
      <section
        aria-labelledby="gone-title"
        className="rounded-card border-2 border-dashed border-status-waiting bg-status-waiting-soft p-4"
      >
        <h2 id="gone-title" className="flex items-center gap-2 font-semibold">
          <Archive className="size-4 shrink-0" aria-hidden />
          {goneText(history, zone)}
        </h2>
        <p className="mt-1 text-sm">
          Below is the last answer it recorded
          {history.latest.requestId ? (
            <>
              {' '}
              (request ID <code className="font-mono break-all">{history.latest.requestId}</code>)
            </>
          ) : null}
          , shown as it was then: it is a record, not live data, and is not asked for again.
          {record && !isFinal(statusKind(record.job.status)) ? (
            <>
              {' '}
              The job had not ended when it was recorded: its duration and bars stop at the
              record&apos;s time.
            </>
          ) : null}
        </p>
      </section>
      <div className="space-y-4 rounded-card border-2 border-dashed border-line p-3">
        <p
          className="text-xs font-semibold tracking-wide text-status-waiting uppercase"
          data-record-banner
        >
          {recordFrom}
        </p>
        {record ? (
          <JobSummary
            job={record.job}
            target={target}
            regionName={place.regionName}
            requestId={undefined}
            zone={zone}
            now={at}
            permalink={place.permalink}
            simulated={place.simulated}
            firstSeenAt={undefined}
          />
        ) : (
          <p className="text-sm">The recorded answer is not a job object; it cannot be shown.</p>
        )}
        <div className="rounded-card border border-line bg-panel px-5 py-3">
          <SeenHistory history={history} zone={zone} />
        </div>
        {record ? (
          <section aria-labelledby="record-timeline-title" className="space-y-2">
            <h2 id="record-timeline-title" className="text-lg font-semibold">
              Timeline as recorded ({recordFrom})
            </h2>
            <Suspense fallback={<p className="text-ink-muted">Drawing the timeline…</p>}>
              <Timeline job={record.job} zone={zone} now={at} />
            </Suspense>
          </section>
        ) : null}
      </div>
    </div>
  );
}
