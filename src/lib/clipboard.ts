/**
 * Puts text on the clipboard. The async Clipboard API needs a secure context (HTTPS or
 * localhost); a dashboard served over plain HTTP on an internal host name falls back to the
 * older copy command on a hidden text area, which browsers still honour on a click.
 */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  try {
    area.select();
    // Deprecated, but the only way without the Clipboard API.
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy');
  } finally {
    area.remove();
    active?.focus();
  }
}
