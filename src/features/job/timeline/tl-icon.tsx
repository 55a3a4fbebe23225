export type TlIconName =
  'success' | 'failed' | 'running' | 'waiting' | 'unknown' | 'warning' | 'link';

/** A status or warning icon drawn by CSS (timeline.css, imported by the timeline); decorative, the word is beside it. */
export function TlIcon({ name, className }: { name: TlIconName; className: string }) {
  return <span aria-hidden data-icon={name} className={`tl-icon ${className}`} />;
}
