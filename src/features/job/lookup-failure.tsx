import { OctagonAlert, Pencil } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RegionInfo } from '../../../common/contract';
import { paths } from '../../app/paths';
import { AgoText } from '../../components/ui/ago-text';
import { CopyButton } from '../../components/ui/copy-button';
import { explainCode } from '../../job/error-codes';
import { formatDateTime, type ZoneChoice } from '../../job/time';
import type { JobLookupError } from '../../lib/api-error';
import { requestIdsOf } from '../../lib/request-ids';
import { adviceFor } from './failure-advice';
import { lookupFailureSummary } from './lookup-failure-summary';
import { JobMemory } from './memory/job-memory';
import { RegionProbe } from './region-probe';

// Loaded with this panel, on demand (see job-view.tsx).
export { SignedOutNotice } from '../../components/signed-out-notice';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2">
      <dt className="text-ink-muted">{label}</dt>
      <dd className="font-mono break-all">{children}</dd>
    </div>
  );
}

/** What was asked, when, and what came back: the facts a ticket needs. */
function FailureDetails({ error, zone }: { error: JobLookupError; zone: ZoneChoice }) {
  const meaning = explainCode(error.code);
  const at = formatDateTime(error.at, zone);
  return (
    <dl className="mt-3 space-y-1 text-sm">
      <Row label="Attempt at">
        {at.text} {at.zone}
        <AgoText at={error.at} prefix="" zone={zone} />
      </Row>
      <Row label="HTTP status">{error.status === 0 ? 'no answer' : error.status}</Row>
      <Row label="Code">{error.code ?? '—'}</Row>
      <Row label="Message">{error.message}</Row>
      {meaning ? <Row label="Meaning">{meaning}</Row> : null}
      {requestIdsOf(error).map(({ label, value }) => (
        <Row key={label} label={label}>
          {value}
        </Row>
      ))}
      {error.retryAfterMs !== undefined ? (
        <Row label="Try again in">
          {Math.ceil(error.retryAfterMs / 1000)} s (the answer asked to wait that long before asking
          again)
        </Row>
      ) : null}
      <Row label="Asked for">
        region {error.target.region}, project {error.target.projectId}, job {error.target.jobId}
      </Row>
      {error.bodySnippet ? <Row label="Answer began">{error.bodySnippet}</Row> : null}
    </dl>
  );
}

function LikelyCauses({ advice }: { advice: ReturnType<typeof adviceFor> }) {
  return (
    <div className="mt-3 text-sm">
      <p className="font-medium">Likely causes</p>
      <ul className="mt-1 list-disc pl-5">
        {advice.causes.map((cause) => (
          <li key={cause}>{cause}</li>
        ))}
      </ul>
      <p className="mt-2">
        <span className="font-medium">Next step: </span>
        {advice.next}
      </p>
    </div>
  );
}

/**
 * A failed lookup: the request did not yield the job. Kept visually apart from a failed job
 * (which is data): this panel is about the dashboard's request, never about the job. It
 * never ends in a dead end: the IDs can be edited, other regions tried, the error copied.
 */
export function LookupFailure({
  error,
  stale,
  regions,
  zone,
}: {
  error: JobLookupError;
  stale: boolean;
  regions: RegionInfo[];
  zone: ZoneChoice;
}) {
  const advice = adviceFor(error);
  const link = `${window.location.origin}${paths.job(error.target)}`;
  // With no job on screen the failure is what the page is about: its level-one heading.
  const Heading = stale ? 'h2' : 'h1';
  const panel = (
    <section
      role="alert"
      aria-labelledby="lookup-failure-title"
      data-failure-kind={error.kind}
      className="rounded-card border-2 border-dashed border-status-failed bg-panel p-5"
    >
      <Heading
        id="lookup-failure-title"
        className="flex items-center gap-2 text-lg font-semibold text-status-failed"
      >
        <OctagonAlert className="size-5" aria-hidden />
        Lookup failed: {advice.title}
      </Heading>
      {stale ? (
        <p className="mt-1 text-sm font-medium">
          The job data above is from the last successful lookup and may be out of date.
        </p>
      ) : null}
      <FailureDetails error={error} zone={zone} />
      <LikelyCauses advice={advice} />
      {error.kind === 'not-found' ? <RegionProbe target={error.target} regions={regions} /> : null}
      <div className="mt-4 flex flex-wrap items-center gap-2 print:hidden">
        <Link
          to={paths.lookup(error.target)}
          className="inline-flex items-center gap-1.5 rounded-md border border-line px-3 py-1.5 text-sm font-medium text-accent hover:bg-surface"
        >
          <Pencil className="size-3.5" aria-hidden />
          Edit lookup
        </Link>
        <CopyButton
          variant="secondary"
          value={() => lookupFailureSummary(error, link)}
          label="Copy error summary"
          text="Copy error summary"
        />
      </div>
    </section>
  );
  // A job the cloud forgets may be one the dashboard's server remembers: its record comes first.
  return error.kind === 'not-found' && !stale ? (
    <>
      <JobMemory target={error.target} zone={zone} />
      {panel}
    </>
  ) : (
    panel
  );
}
