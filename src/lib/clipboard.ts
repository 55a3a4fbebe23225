/** Text for the clipboard, with an HTML form for editors that paste rich text (tables). */
export interface RichText {
  text: string;
  html: string;
}

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

/**
 * Puts text and its HTML form on the clipboard: an editor that pastes rich text keeps the
 * tables, a plain one takes the text. Where the browser has no `ClipboardItem`, the text only.
 *
 * `content` may be a promise (text whose code is loaded on the click): the item is handed
 * over at once with the promise inside, so Safari still counts the write as part of the click.
 */
export async function copyRich(content: RichText | Promise<RichText>): Promise<void> {
  if (!secureClipboard()) {
    const { text, html } = await content;
    copyWithCommand(text, html);
    return;
  }
  if (typeof ClipboardItem === 'undefined' || typeof navigator.clipboard.write !== 'function') {
    await navigator.clipboard.writeText((await content).text);
    return;
  }
  const rich = Promise.resolve(content);
  const blob = (type: 'text/plain' | 'text/html') => {
    const made = rich.then(
      (value) => new Blob([type === 'text/html' ? value.html : value.text], { type }),
    );
    // A browser may stop at the first rejected type: the other's rejection is not news.
    made.catch(() => undefined);
    return made;
  };
  try {
    await navigator.clipboard.write([
      new ClipboardItem({ 'text/plain': blob('text/plain'), 'text/html': blob('text/html') }),
    ]);
  } catch (error) {
    // A browser that refuses the HTML type may still take the plain text; if not, the first
    // refusal is the one worth telling.
    const { text } = await rich;
    await navigator.clipboard.writeText(text).catch(() => {
      throw error;
    });
  }
}

function secureClipboard(): boolean {
  return (
    typeof navigator !== 'undefined' && navigator.clipboard !== undefined && window.isSecureContext
  );
}

function copyWithCommand(text: string, html: string | undefined): void {
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
