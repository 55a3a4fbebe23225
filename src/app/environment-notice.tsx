import { ShieldAlert } from 'lucide-react';

/**
 * A configuration problem, in words: the server gave no configuration, or it has no cloud
 * credential (so it sends nothing to the cloud). The layout shows it only when one holds.
 */
export function EnvironmentNotice({ error }: { error: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="bg-status-failed-soft px-4 py-2 text-sm text-status-failed">
        The dashboard server did not give its configuration: {error.message}
      </p>
    );
  }
  return (
    <p className="flex items-center justify-center gap-2 bg-status-failed-soft px-4 py-1.5 text-sm font-medium text-status-failed">
      <ShieldAlert className="size-4" aria-hidden />
      No cloud credentials are configured on the dashboard server, so it sends no requests to the
      cloud. The operator must set OS_TOKEN, OS_ACCESS_KEY and OS_SECRET_KEY, OS_USERNAME and
      OS_PASSWORD, or OS_CLOUD.
    </p>
  );
}
