import { jobTypeLabel } from '../../lib/job-types';

export function JobTypeText({ raw }: { raw: string | undefined }) {
  if (raw === undefined || raw === '') return <span className="text-ink-muted">{raw === '' ? '(empty)' : '—'}</span>;
  const label = jobTypeLabel(raw);
  return (
    <span>
      {label ? <span className="font-medium">{label} </span> : null}
      <code className="font-mono text-ink-muted break-all">{label ? `(${raw})` : raw}</code>
    </span>
  );
}
