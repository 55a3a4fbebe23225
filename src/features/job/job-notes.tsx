import { Info } from 'lucide-react';
import { memo } from 'react';
import { Link } from 'react-router';
import { statusKind } from '../../../common/job-status';
import { codeCountText, failureCodes } from '../../job/failure-codes';
import { firstFailure } from '../../job/first-failure';
import type { Job } from '../../job/job-schema';
import { UNKNOWN_STATUS_INTERVAL_MS } from '../../job/polling';
import { formatDuration } from '../../job/time';
import { failedSubJobs } from './failure-digest';
import { domIdOf } from './timeline/dom-id';

/** Codes named in the digest; the sub-jobs of the others are counted. */
const DIGEST_LIMIT = 12;

/**
 * Odd states explained in words on screen (not only to screen readers): a status no
 * documentation lists, and a failure that came without a code or a reason.
 */
export function OddStateNote({ job }: { job: Job }) {
  const kind = statusKind(job.status);
  let text: string | undefined;
  if (kind === 'unknown') {
    const every = formatDuration(UNKNOWN_STATUS_INTERVAL_MS);
    text =
      job.status === undefined || job.status.trim() === ''
        ? `The answer has no status, so the page cannot tell whether the job is over and keeps checking every ${every}.`
        : `“${job.status}” is not a documented status (success, failed, running, waiting), so the page cannot tell whether the job is over and keeps checking every ${every}.`;
  } else if (kind === 'failed' && firstFailure(job) === undefined) {
    text =
      'SFS Turbo gave no error code or reason for this failure. Quote the job ID and the end time to the service team.';
  }
  if (text === undefined) return null;
  return (
    <p
      data-odd-state
      className="mt-3 flex items-start gap-2 rounded-md bg-surface px-3 py-2 text-sm"
    >
      <Info className="mt-0.5 size-4 shrink-0 text-ink-muted" aria-hidden />
      <span>{text}</span>
    </p>
  );
}

/**
 * "5 sub-jobs failed: SFS.TURBO.0032 ×5": every code of the failed sub-jobs with its count, in
 * the order they first failed, each a link to the first sub-job that carries it.
 */
export function FailureDigest({ job }: { job: Job }) {
  const codes = failureCodes(job);
  const failed = codes.reduce((sum, item) => sum + item.count, 0);
  if (failed < 2) return null;
  const linkIds = new Map(failedSubJobs(job).map((item) => [item.index, item.linkId]));
  const named = codes.slice(0, DIGEST_LIMIT);
  const rest = codes.slice(DIGEST_LIMIT).reduce((sum, item) => sum + item.count, 0);
  return (
    <p data-failure-digest className="mt-3 text-sm">
      <span className="font-semibold text-status-failed">{failed} sub-jobs failed:</span>{' '}
      {named.map((item, i) => {
        const text = codeCountText(item);
        const firstName = item.first.id?.trim() ? item.first.id : `#${item.first.index + 1}`;
        const label = `${item.code ?? 'No code'}: ${item.count} ${item.count === 1 ? 'sub-job' : 'sub-jobs'}, first ${firstName}`;
        const className = 'font-mono break-all text-accent underline underline-offset-2';
        const linkId = linkIds.get(item.first.index);
        return (
          <span key={item.code ?? ''}>
            {i > 0 ? ', ' : null}
            {linkId !== undefined ? (
              <Link
                to={{ search: `?sub=${encodeURIComponent(linkId)}` }}
                aria-label={label}
                className={className}
              >
                {text}
              </Link>
            ) : (
              <a
                href={`#${domIdOf({ isJob: false, sourceIndex: item.first.index })}`}
                aria-label={label}
                className={className}
              >
                {text}
              </a>
            )}
          </span>
        );
      })}
      {rest > 0 ? <span>, and {rest} more with other codes</span> : null}
    </p>
  );
}

/**
 * Both notes, in the card's order: one component to load on demand rather than two. Memoised
 * on the job object: the card re-renders every second of a live job's clock, and reading a
 * thousand sub-jobs' failures each time made a long task of every tick on a slow laptop
 * (issue 22); react-query hands back the same object while the answer does not change.
 */
export const JobNotes = memo(function JobNotes({ job }: { job: Job }) {
  return (
    <>
      <OddStateNote job={job} />
      <FailureDigest job={job} />
    </>
  );
});
