import { FlaskConical } from 'lucide-react';

/**
 * Said on the job card and the board's heading themselves, since a picture of either (PNG,
 * ticket view, print) leaves the page's header, and its "Simulated data" badge, out.
 */
export function SimulatedMark() {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full bg-status-waiting-soft px-2.5 py-1 text-sm font-medium text-status-waiting"
      data-simulated-mark
    >
      <FlaskConical className="size-4" aria-hidden />
      Simulated data
    </span>
  );
}
