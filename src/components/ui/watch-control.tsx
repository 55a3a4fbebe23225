import { BellRing, CircleCheck, CircleX } from 'lucide-react';
import { useId, useState } from 'react';
import type { ZoneChoice } from '../../job/time';
import { watchLines, type WatchLine } from '../../job/watch-words';
import { cn } from '../../lib/cn';
import type { Watch } from '../../lib/memory-api';
import { Button } from './button';

// The server's watches, shared by the job page and the board: choose a destination by name
// (never an address), start, see what it posted, stop.

/** A destination by name, "also when a sub-job fails", and the button that starts watching. */
export function WatchForm({
  targets,
  busy,
  submitText,
  onSubmit,
  onCancel,
}: {
  targets: readonly { name: string; kind: string }[];
  busy: boolean;
  submitText: string;
  onSubmit: (target: string, subJobFailures: boolean) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [target, setTarget] = useState(targets[0]?.name ?? '');
  const [subJobs, setSubJobs] = useState(false);
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm print:hidden"
      aria-label="Watch on the server"
      onSubmit={(event) => {
        event.preventDefault();
        if (target) onSubmit(target, subJobs);
      }}
    >
      <label htmlFor={`${id}-target`} className="text-ink-muted">
        Post to
      </label>
      <select
        id={`${id}-target`}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        className="h-7 rounded-md border border-line bg-panel px-1 text-sm"
      >
        {targets.map((option) => (
          <option key={option.name} value={option.name}>
            {option.name} ({option.kind})
          </option>
        ))}
      </select>
      <label className="inline-flex items-center gap-1">
        <input
          type="checkbox"
          checked={subJobs}
          onChange={(event) => setSubJobs(event.target.checked)}
        />
        also when a sub-job fails
      </label>
      <Button type="submit" size="sm" variant="primary" disabled={busy || !target}>
        <BellRing className="size-3.5" aria-hidden />
        {submitText}
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

const TONE: Record<WatchLine['tone'], string> = {
  watching: 'text-ink',
  sent: 'text-status-success',
  failed: 'text-status-failed',
  muted: 'text-ink-muted',
};

function LineIcon({ tone }: { tone: WatchLine['tone'] }) {
  if (tone === 'sent') return <CircleCheck className="size-3.5 shrink-0" aria-hidden />;
  if (tone === 'failed') return <CircleX className="size-3.5 shrink-0" aria-hidden />;
  return <BellRing className="size-3.5 shrink-0" aria-hidden />;
}

/** A watch's state and deliveries, each a line with an icon, and "Stop watching" while it runs. */
export function WatchLines({
  watch,
  zone,
  busy,
  onStop,
}: {
  watch: Watch;
  zone: ZoneChoice;
  busy: boolean;
  onStop: () => void;
}) {
  return (
    <span
      className="inline-flex flex-wrap items-center gap-x-3 gap-y-0.5 text-sm"
      data-watch={watch.state}
    >
      {watchLines(watch, zone).map((line) => (
        <span key={line.text} className={cn('inline-flex items-center gap-1', TONE[line.tone])}>
          <LineIcon tone={line.tone} />
          {line.text}
        </span>
      ))}
      {watch.state === 'active' ? (
        <Button size="sm" variant="ghost" disabled={busy} onClick={onStop}>
          Stop watching
        </Button>
      ) : null}
    </span>
  );
}
