import { copyWithCommand, secureClipboard } from './clipboard';

// Apart from `clipboard.ts`, which every page loads: only the ticket bar's summary needs it,
// and it is loaded on that click (the first-load budget, decision 0006).

/** Text for the clipboard, with an HTML form for editors that paste rich text (tables). */
export interface RichText {
  text: string;
  html: string;
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
