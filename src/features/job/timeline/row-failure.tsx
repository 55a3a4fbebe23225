import { TlIcon } from './tl-icon';

/** A reason this long is printed once in full (the job card), then referred to. */
export const REPEAT_FROM = 160;

function isRepeat(reason: string, above: string | undefined): boolean {
  return above !== undefined && reason.length >= REPEAT_FROM && reason === above;
}

/** A row's error code, what it means and the whole reason: on the picture, never truncated. */
export function RowFailure({
  code,
  meaning,
  reason,
  reasonAbove,
}: {
  code: string | undefined;
  meaning: string | undefined;
  reason: string | undefined;
  /** Printed in full in the job card: a long reason equal to it is referred to, not repeated. */
  reasonAbove?: string | undefined;
}) {
  if (!code && !reason) return null;
  return (
    <div className="flex gap-2 rounded-md border-l-4 border-status-failed bg-status-failed-soft px-3 py-1.5 text-sm xl:col-span-2">
      <TlIcon name="failed" className="mt-0.5 size-4 shrink-0 text-status-failed" />
      <div className="min-w-0">
        {code ? (
          <p>
            <span className="sr-only">Error code </span>
            <span className="font-mono font-semibold break-all">{code}</span>
            <span className="text-ink-muted"> · </span>
            <span>{meaning ?? 'No explanation is known for this code.'}</span>
          </p>
        ) : null}
        {reason && isRepeat(reason, reasonAbove) ? (
          <details className="group/reason" data-reason-ref>
            <summary className="cursor-pointer text-ink-muted">
              The failure reason printed in full in the job card above (
              {reason.length.toLocaleString('en')} characters)
              <span className="group-open/reason:hidden print:hidden">: show it here too</span>
            </summary>
            <p className="wrap-anywhere whitespace-pre-wrap">{reason}</p>
          </details>
        ) : reason ? (
          <p className="wrap-anywhere whitespace-pre-wrap">
            <span className="sr-only">Failure reason: </span>
            {reason}
          </p>
        ) : null}
      </div>
    </div>
  );
}
