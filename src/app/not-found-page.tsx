import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle('Page not found · SFS Turbo jobs');
  return (
    <section className="mx-auto max-w-xl rounded-card border border-line bg-panel p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-ink-muted">
        There is no page at{' '}
        <code className="font-mono break-all text-ink">{location.pathname}</code>. Job pages look
        like{' '}
        <code className="font-mono">/eu-de/projects/&lt;project ID&gt;/jobs/&lt;job ID&gt;</code>.
      </p>
      <Link
        to="/"
        className="mt-4 inline-block font-medium text-accent underline underline-offset-2"
      >
        Look up a job
      </Link>
    </section>
  );
}
