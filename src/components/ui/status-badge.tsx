import { CircleCheck, CircleDashed, CircleHelp, CircleX, LoaderCircle } from 'lucide-react';
import { statusKind, type StatusKind } from '../../../common/job-status';
import { STATUS_LABEL, undocumentedForm } from '../../job/status';
import { statusTone } from '../../job/status-tone';
import { cn } from '../../lib/cn';

interface StatusIconProps {
  kind: StatusKind;
  size?: 'md' | 'lg';
  /** The running icon spins (unless the user asks for less motion); `false` holds it still. */
  spin?: boolean;
  className?: string;
}

export function StatusIcon({ kind, size = 'md', spin = true, className }: StatusIconProps) {
  const props = {
    className: cn('shrink-0', size === 'lg' ? 'size-5' : 'size-4', className),
    'aria-hidden': true,
  } as const;
  switch (kind) {
    case 'success':
      return <CircleCheck {...props} />;
    case 'failed':
      return <CircleX {...props} />;
    case 'running':
      return (
        <LoaderCircle
          {...props}
          className={cn(props.className, spin && 'motion-safe:animate-spin')}
        />
      );
    case 'waiting':
      return <CircleDashed {...props} />;
    default:
      return <CircleHelp {...props} />;
  }
}

/**
 * Icon, word and colour together. Unknown values are shown as they came, next to the word
 * "Unknown status", so nothing the API says is hidden; a known status in another form than the
 * documented lower-case word (`FAIL`, `SUCCESS`) shows that form beside the label.
 */
export function StatusBadge({
  status,
  size = 'md',
  spin = true,
}: {
  status: string | undefined;
  size?: 'sm' | 'md' | 'lg';
  /** `false` holds the running icon still (a board of many running jobs would be all motion). */
  spin?: boolean;
}) {
  const kind = statusKind(status);
  const form = undocumentedForm(status);
  const label =
    kind === 'unknown'
      ? status === undefined
        ? 'No status'
        : status === ''
          ? 'Empty status'
          : status
      : STATUS_LABEL[kind];
  return (
    <span
      data-status={kind}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full font-semibold',
        statusTone({ look: 'chip', kind: kind }),
        size === 'sm' && 'px-2 py-0.5 text-xs',
        size === 'md' && 'px-2.5 py-1 text-sm',
        size === 'lg' && 'px-3 py-1.5 text-base',
      )}
    >
      <StatusIcon kind={kind} size={size === 'lg' ? 'lg' : 'md'} spin={spin} />
      <span>{label}</span>
      {form !== undefined ? (
        <code className="font-mono text-[0.85em] font-normal">({form})</code>
      ) : null}
      {kind === 'unknown' && status ? (
        <span className="sr-only">(unrecognised status value)</span>
      ) : null}
    </span>
  );
}
