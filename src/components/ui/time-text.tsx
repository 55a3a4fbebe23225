import { TriangleAlert } from 'lucide-react';
import { parseApiTime } from '../../../common/api-time';
import { formatDateTime, type ZoneChoice } from '../../job/time';

/** A timestamp with its zone written beside it; a malformed one is shown raw and flagged. */
export function TimeText({
  raw,
  zone,
  missing = '—',
}: {
  raw: string | undefined;
  zone: ZoneChoice;
  missing?: string;
}) {
  const parsed = parseApiTime(raw);
  if (parsed.kind === 'missing') return <span className="text-ink-muted">{missing}</span>;
  if (parsed.kind === 'invalid') {
    return (
      <span className="inline-flex items-center gap-1 text-status-waiting">
        <TriangleAlert className="size-3.5" aria-hidden />
        <span className="font-mono break-all">{parsed.raw}</span>
        <span className="text-xs">(unrecognised time format)</span>
      </span>
    );
  }
  const { text, zone: label } = formatDateTime(parsed.ms, zone);
  return (
    <time dateTime={new Date(parsed.ms).toISOString()} className="font-mono whitespace-nowrap">
      {text} <span className="text-ink-muted">{label}</span>
    </time>
  );
}
