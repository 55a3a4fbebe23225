import { TriangleAlert } from 'lucide-react';

/** What in the answer did not fit the API contract, and how the page treated it. */
export function ContractWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="rounded-card border border-status-waiting bg-status-waiting-soft p-4 text-sm">
      <h2 className="flex items-center gap-2 font-semibold text-status-waiting">
        <TriangleAlert className="size-4" aria-hidden />
        The answer did not fully match the API contract
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {warnings.slice(0, 20).map((warning, index) => (
          <li key={index} className="break-all">
            {warning}
          </li>
        ))}
      </ul>
      {warnings.length > 20 ? <p className="mt-1">…and {warnings.length - 20} more.</p> : null}
    </section>
  );
}
