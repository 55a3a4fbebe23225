import { useEffect, useState, type ReactNode } from 'react';
import type * as ErrorCodes from '../../job/error-codes';

// The table of code meanings is not needed to paint a failed job: it follows the first paint,
// and only on a page that shows a code (decision 0006).
let explainCode: typeof ErrorCodes.explainCode | undefined;
const loadMeanings = () =>
  import('../../job/error-codes').then((module) => {
    explainCode = module.explainCode;
  });

function useCodeMeaning(code: string | undefined): string | undefined {
  const [, setLoaded] = useState(explainCode !== undefined);
  useEffect(() => {
    // A table that fails to load leaves the code without its meaning, which the code still says.
    if (code && !explainCode)
      void loadMeanings().then(
        () => setLoaded(true),
        () => undefined,
      );
  }, [code]);
  return explainCode?.(code);
}

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
  const meaning = useCodeMeaning(code);
  if (!code && !reason) return null;
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
