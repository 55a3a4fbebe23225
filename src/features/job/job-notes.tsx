import { Info } from 'lucide-react';
import { Link } from 'react-router';
import { firstFailure } from '../../job/first-failure';
import type { Job } from '../../job/job-schema';
import { UNKNOWN_STATUS_INTERVAL_MS } from '../../job/polling';
import { statusKind } from '../../job/status';
import { formatDuration } from '../../job/time';
import { failedSubJobs, shortCodes } from './failure-digest';
import { domIdOf } from './timeline/dom-id';

/** Failed sub-jobs named in the digest; the rest are counted. */
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

/** "3 sub-jobs failed: SFS.TURBO.0029, 0030, 0032", in time order, each a link to its row. */
export function FailureDigest({ job }: { job: Job }) {
  const failed = failedSubJobs(job);
  if (failed.length < 2) return null;
  const named = failed.slice(0, DIGEST_LIMIT);
  const coded = named.filter((item) => item.code !== undefined);
  const shortened = shortCodes(coded.map((item) => item.code ?? ''));
  const short = new Map(coded.map((item, i) => [item.index, shortened[i]]));
  return (
    <p data-failure-digest className="mt-3 text-sm">
      <span className="font-semibold text-status-failed">{failed.length} sub-jobs failed:</span>{' '}
      {named.map((item, i) => {
        const text =
          short.get(item.index) ?? `${item.id?.trim() ? item.id : `#${item.index + 1}`} (no code)`;
        const label = `Sub-job ${item.id?.trim() ? item.id : `#${item.index + 1}`}${item.code ? `, ${item.code}` : ''}`;
        const className = 'font-mono break-all text-accent underline underline-offset-2';
        return (
          <span key={item.index}>
            {i > 0 ? ', ' : null}
            {item.linkId !== undefined ? (
              <Link
                to={{ search: `?sub=${encodeURIComponent(item.linkId)}` }}
                aria-label={label}
                className={className}
              >
                {text}
              </Link>
            ) : (
              <a
                href={`#${domIdOf({ isJob: false, sourceIndex: item.index })}`}
                aria-label={label}
                className={className}
              >
                {text}
              </a>
            )}
          </span>
        );
      })}
      {failed.length > named.length ? <span>, and {failed.length - named.length} more</span> : null}
    </p>
  );
}
