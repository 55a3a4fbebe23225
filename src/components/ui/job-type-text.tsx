import { jobTypeLabel } from '../../job/job-types';
import { Breakable } from './breakable';

export function JobTypeText({ raw }: { raw: string | undefined }) {
  if (raw === undefined || raw === '')
    return <span className="text-ink-muted">{raw === '' ? '(empty)' : '—'}</span>;
  const label = jobTypeLabel(raw);
  return (
    <span>
      {label ? <span className="font-medium">{label} </span> : null}
      <code className="font-mono break-words text-ink-muted">
        {label ? '(' : null}
        <Breakable text={raw} />
        {label ? ')' : null}
      </code>
    </span>
  );
}
