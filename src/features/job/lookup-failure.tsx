import { OctagonAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ApiError } from '../../lib/api-error';
import { explainCode } from '../../lib/error-codes';
import { formatDuration } from '../../lib/time';
import { adviceFor } from './failure-advice';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2">
      <dt className="text-ink-muted">{label}</dt>
      <dd className="font-mono break-all">{children}</dd>
    </div>
  );
}

/**
 * A failed lookup: the request did not yield the job. Kept visually apart from a failed job
 * (which is data): this panel is about the dashboard's request, never about the job.
 */
export function LookupFailure({ error, stale }: { error: ApiError; stale: boolean }) {
  const advice = adviceFor(error);
  const meaning = explainCode(error.code);
  // With no job on screen the failure is what the page is about: its level-one heading.
  const Heading = stale ? 'h2' : 'h1';
  return (
    <section
      role="alert"
      aria-labelledby="lookup-failure-title"
      data-failure-kind={error.kind}
      className="rounded-card border-2 border-dashed border-status-failed bg-panel p-5"
    >
      <Heading id="lookup-failure-title" className="flex items-center gap-2 text-lg font-semibold text-status-failed">
        <OctagonAlert className="size-5" aria-hidden />
        Lookup failed: {advice.title}
      </Heading>
      {stale ? (
        <p className="mt-1 text-sm font-medium">
          The job data below is from the last successful lookup and may be out of date.
        </p>
      ) : null}
      <dl className="mt-3 space-y-1 text-sm">
        <Row label="HTTP status">{error.status === 0 ? 'no answer' : error.status}</Row>
        <Row label="Code">{error.code ?? '—'}</Row>
        <Row label="Message">{error.message}</Row>
        {meaning ? <Row label="Meaning">{meaning}</Row> : null}
        {error.retryAfterSec !== undefined ? (
          <Row label="Server asks to wait">{formatDuration(error.retryAfterSec * 1000)}</Row>
        ) : null}
        <Row label="Request ID">{error.requestId ?? '—'}</Row>
        <Row label="Asked for">
          region {error.target.region}, project {error.target.projectId}, job {error.target.jobId}
        </Row>
        {error.bodySnippet ? <Row label="Answer began">{error.bodySnippet}</Row> : null}
      </dl>
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
    </section>
  );
}
