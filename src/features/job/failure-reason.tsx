import type { ReactNode } from 'react';
import { explainCode } from '../../job/error-codes';

/**
 * A failed job's or sub-job's own reason: always visible, wrapped, never truncated. `source`
 * names where it comes from when it is not the job's own (the first failed sub-job).
 */
export function FailureReason({
  code,
  reason,
  source,
}: {
  code: string | undefined;
  reason: string | undefined;
  source?: ReactNode;
}) {
  if (!code && !reason) return null;
  const meaning = explainCode(code);
  return (
    <div className="mt-2 rounded-md border-l-4 border-status-failed bg-status-failed-soft px-3 py-2 text-sm">
      {source ? <p className="text-xs text-ink-muted">{source}</p> : null}
      {code ? (
        <p>
          <span className="font-mono font-semibold break-all">{code}</span>
          {meaning ? <span> · {meaning}</span> : null}
        </p>
      ) : null}
      {reason ? <p className="mt-0.5 break-words whitespace-pre-wrap">{reason}</p> : null}
    </div>
  );
}
