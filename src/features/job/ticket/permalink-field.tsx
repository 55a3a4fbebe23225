/**
 * The page's address as text, among the card's fields: a screenshot, a PNG or a printout
 * carries the way back. Renders a `dt`/`dd` pair for the card's `dl`.
 */
export function PermalinkField({ permalink }: { permalink: string }) {
  return (
    <div className="min-w-0 sm:col-span-2" data-testid="permalink">
      <dt className="text-xs font-medium tracking-wide text-ink-muted uppercase">Link</dt>
      <dd className="mt-0.5 text-sm">
        <a
          href={permalink}
          className="font-mono text-xs break-all text-accent underline-offset-2 hover:underline"
        >
          {permalink}
        </a>
      </dd>
    </div>
  );
}
