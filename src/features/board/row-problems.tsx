import { OctagonAlert } from 'lucide-react';
import { JobOwnCode } from '../../components/ui/job-own-code';
import { explainCode } from '../../job/error-codes';
import type { FirstFailure } from '../../job/first-failure';
import type { ApiError } from '../../lib/api-error';

/**
 * The job failed (data): the sub-job that failed first, in full (code, meaning, reason), the
 * job's own code beside it when it differs, and every code of the failed sub-jobs counted.
 */
export function RowFailure({ failure, codes }: { failure: FirstFailure; codes: string }) {
  const meaning = explainCode(failure.code);
  return (
    <p
      className="mt-0.5 rounded-md bg-status-failed-soft px-2 py-0.5 text-sm text-ink"
      data-row-failure
    >
      <span className="font-semibold text-status-failed">First failure</span>
      {failure.subJob ? (
        <>
          {' '}
          in sub-job{' '}
          <code className="font-mono break-all">
            {failure.subJob.id ?? `#${failure.subJob.index + 1}`}
          </code>
        </>
      ) : null}
      {': '}
      <code className="font-mono font-semibold break-all">{failure.code || 'no code'}</code>
      {meaning ? <span> — {meaning}</span> : null}
      <span> — </span>
      <span className="break-words">{failure.reason || 'no reason given'}</span>
      {failure.jobOwn ? <JobOwnCode code={failure.jobOwn.code} /> : null}
      {codes ? (
        <span className="block" data-failure-codes>
          {codes}
        </span>
      ) : null}
    </p>
  );
}

/** The lookup failed (request): status, code, message and request ID; the other rows go on. */
export function RowLookupFailure({ error, stale }: { error: ApiError; stale: boolean }) {
  return (
    <p
      className="mt-0.5 rounded-md border border-dashed border-status-failed px-2 py-0.5 text-sm"
      data-row-lookup-failure={error.kind}
    >
      <OctagonAlert className="mr-1 inline size-3.5 text-status-failed" aria-hidden />
      <span className="font-semibold text-status-failed">Lookup failed</span>
      {': '}
      {error.status === 0 ? 'no answer' : `HTTP ${error.status}`} ·{' '}
      <code className="font-mono break-all">{error.code ?? 'no code'}</code> ·{' '}
      <span className="break-words">{error.message}</span> · request ID{' '}
      <code className="font-mono break-all">{error.requestId ?? '—'}</code>
      {stale ? <span className="text-ink-muted"> (the row shows the last good answer)</span> : null}
    </p>
  );
}
