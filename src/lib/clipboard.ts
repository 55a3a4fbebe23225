/**
 * Puts text on the clipboard. The async Clipboard API needs a secure context (HTTPS or
 * localhost); a dashboard served over plain HTTP on an internal host name falls back to the
 * older copy command, which browsers still honour on a click.
 */
export async function copyText(text: string | Promise<string>): Promise<void> {
  const value = await text;
  if (secureClipboard()) {
    await navigator.clipboard.writeText(value);
    return;
  }
  copyWithCommand(value, undefined);
}

export function secureClipboard(): boolean {
  return (
    typeof navigator !== 'undefined' && navigator.clipboard !== undefined && window.isSecureContext
  );
}

export function copyWithCommand(text: string, html: string | undefined): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // The copy command copies the selection; a listener can set both forms instead.
  const fill = (event: ClipboardEvent) => {
    if (!event.clipboardData || html === undefined) return;
    event.clipboardData.setData('text/plain', text);
    event.clipboardData.setData('text/html', html);
    event.preventDefault();
  };
  document.addEventListener('copy', fill);
  try {
    area.select();
    // Deprecated, but the only way without the Clipboard API.
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy');
  } finally {
    document.removeEventListener('copy', fill);
    area.remove();
    active?.focus();
  }
}
