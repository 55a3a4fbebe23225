import { Link } from 'react-router';
import type { LookupTarget } from '../../lib/api-error';
import { useDocumentTitle } from '../../lib/use-document-title';

/** A job URL whose IDs cannot be valid: said plainly, and nothing is sent to the cloud. */
export function InvalidTarget({ target, problems }: { target: LookupTarget; problems: string[] }) {
  useDocumentTitle('Invalid job address · SFS Turbo jobs');
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
