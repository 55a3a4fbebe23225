import type { MouseEvent, ReactNode } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import type { TimelineRowProps } from './row-props';
import { TlIcon } from './tl-icon';

// What the comfortable and the compact row share, so that the two densities cannot drift.

/**
 * The sub-job's link: a plain click selects it in place (the page keeps its scroll and data);
 * a click with a modifier or another button does what the browser does with a link.
 */
function SubJobLink({
  linkId,
  selected,
  shareUrl,
  onSelect,
  className,
  title,
  children,
}: {
  linkId: string;
  selected: boolean;
  shareUrl: string | undefined;
  onSelect: (linkId: string) => void;
  className: string;
  title?: string;
  children: ReactNode;
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    onSelect(linkId);
  };
  return (
    <>
      <a
        href={`?sub=${encodeURIComponent(linkId)}`}
        onClick={follow}
        data-row-link
        aria-label={`Sub-job ${linkId}${selected ? ' (selected)' : ''}`}
        title={title}
        className={className}
      >
        {children}
      </a>
      {selected && shareUrl ? (
        <CopyButton value={shareUrl} label="Copy link to this sub-job" />
      ) : null}
    </>
  );
}

/**
 * The sub-job's ID: its link where it has one (with its link icon in the comfortable row).
 * Always whole: where the line is short (a running row's "so far" takes room) it wraps
 * rather than ending in an ellipsis, since the end of an ID is what tells two apart.
 */
export function SubJobId({
  row,
  selected,
  shareUrl,
  onSelect,
  compact,
}: Omit<TimelineRowProps, 'reasonAbove'> & { compact: boolean }) {
  if (!row.linkId) {
    if (compact)
      return (
        <code className="min-w-0 font-mono wrap-anywhere" title={row.id}>
          {row.id ?? ''}
        </code>
      );
    return row.id ? <code className="font-mono break-all">{row.id}</code> : null;
  }
  return (
    <SubJobLink
      linkId={row.linkId}
      selected={selected}
      shareUrl={shareUrl}
      onSelect={onSelect}
      title={compact ? row.linkId : undefined}
      className={
        compact
          ? 'min-w-0 rounded font-mono wrap-anywhere text-accent underline-offset-2 hover:underline print:text-ink'
          : 'inline-flex min-w-0 items-center gap-1 rounded font-mono break-all text-accent underline-offset-2 hover:underline print:text-ink'
      }
    >
      {compact ? null : <TlIcon name="link" className="size-3.5 shrink-0 print:hidden" />}
      {row.linkId}
    </SubJobLink>
  );
}

/** A time problem or an ID note under the row's first line. */
export function RowWarning({ className, children }: { className: string; children: ReactNode }) {
  return (
    <p className={`flex items-start gap-1 text-status-waiting ${className}`}>
      <TlIcon name="warning" className="mt-px size-3.5 shrink-0" />
      {children}
    </p>
  );
}
