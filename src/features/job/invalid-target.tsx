import { Link } from 'react-router';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../../common/contract';
import type { LookupTarget } from '../../lib/api-error';
import { useDocumentTitle } from '../../lib/use-document-title';

/** What is wrong with each ID of a job address; none when all three can be valid. */
function targetProblems(target: LookupTarget): string[] {
  return [
    !REGION_PATTERN.test(target.region) && 'The region in the address is malformed.',
    !PROJECT_ID_PATTERN.test(target.projectId) &&
      'The project ID must be 32 lower-case hexadecimal characters.',
    !JOB_ID_PATTERN.test(target.jobId) &&
      'The job ID must be 1 to 64 letters, digits and dashes, starting and ending with a letter or digit.',
  ].filter((problem): problem is string => typeof problem === 'string');
}

/** A job URL whose IDs cannot be valid: said plainly, and nothing is sent to the cloud. */
export function InvalidTarget({ target }: { target: LookupTarget }) {
  useDocumentTitle('Invalid job address · SFS Turbo jobs');
  const problems = targetProblems(target);
  return (
    <section
      role="alert"
      data-failure-kind="invalid-input"
      className="rounded-card border-2 border-dashed border-status-failed bg-panel p-5"
    >
      <h1 className="text-lg font-semibold text-status-failed">Lookup failed: invalid input</h1>
      <ul className="mt-2 list-disc pl-5 text-sm">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        Asked for region <code className="font-mono break-all">{target.region}</code>, project{' '}
        <code className="font-mono break-all">{target.projectId}</code>, job{' '}
        <code className="font-mono break-all">{target.jobId}</code>. Nothing was sent to the cloud.
      </p>
      <Link to="/" className="mt-3 inline-block font-medium text-accent underline">
        Back to job lookup
      </Link>
    </section>
  );
}
