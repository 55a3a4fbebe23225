import { explainCode } from '../../lib/error-codes';

/** A failed job's or sub-job's own reason: always visible, wrapped, never truncated. */
export function FailureReason({ code, reason }: { code: string | undefined; reason: string | undefined }) {
  if (!code && !reason) return null;
  const meaning = explainCode(code);
  return (
    <div className="mt-2 rounded-md border-l-4 border-status-failed bg-status-failed-soft px-3 py-2 text-sm">
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
