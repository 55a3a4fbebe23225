import { Link } from 'react-router';

/** The page never goes blank: whatever broke is named, with a way back. */
export function RouteError({ error }: { error: unknown }) {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <section
      role="alert"
      className="mx-auto max-w-2xl rounded-card border border-status-failed bg-panel p-6"
    >
      <h1 className="text-xl font-semibold">Something went wrong while showing this page</h1>
      <p className="mt-2 text-ink-muted">
        This is a fault of the dashboard, not of the job. Reloading may help; if it does not, send
        this text with the page address to the team.
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-surface p-3 font-mono text-sm whitespace-pre-wrap">
        {detail}
      </pre>
      <div className="mt-4 flex gap-4">
        <button
          type="button"
          className="font-medium text-accent underline"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
        <Link to="/" className="font-medium text-accent underline">
          Back to job lookup
        </Link>
      </div>
    </section>
  );
}
