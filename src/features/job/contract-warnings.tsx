import { TriangleAlert } from 'lucide-react';

const SHOWN = 20;

/**
 * What in the answer did not fit the API contract, and how the page treated it. The first 20
 * on screen; all of them in print and when `expanded` (the ticket view).
 */
export function ContractWarnings({
  warnings,
  expanded = false,
}: {
  warnings: string[];
  expanded?: boolean;
}) {
  if (warnings.length === 0) return null;
  return (
    <section className="rounded-card border border-status-waiting bg-status-waiting-soft p-4 text-sm">
      <h2 className="flex items-center gap-2 font-semibold text-status-waiting">
        <TriangleAlert className="size-4" aria-hidden />
        The answer did not fully match the API contract
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {warnings.map((warning, index) => (
          <li
            key={index}
            className={expanded || index < SHOWN ? 'break-all' : 'hidden break-all print:list-item'}
          >
            {warning}
          </li>
        ))}
      </ul>
      {warnings.length > SHOWN && !expanded ? (
        <p className="mt-1 print:hidden">…and {warnings.length - SHOWN} more.</p>
      ) : null}
    </section>
  );
}
