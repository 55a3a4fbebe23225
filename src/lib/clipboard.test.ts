import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';
import { copyRich } from './clipboard-rich';

/** The ClipboardItem the page handed over, read back type by type. */
class FakeItem {
  constructor(readonly items: Record<string, Promise<Blob>>) {}
}

/** jsdom's Blob has no `text()`. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'));
    reader.readAsText(blob);
  });
}

function fakeClipboard(withItem: boolean) {
  const written: Record<string, string>[] = [];
  const writeText = vi.fn(async (text: string) => {
    written.push({ 'text/plain': text });
  });
  const write = vi.fn(async (items: FakeItem[]) => {
    const out: Record<string, string> = {};
    for (const [type, blob] of Object.entries(items[0]?.items ?? {}))
      out[type] = await readBlob(await blob);
    written.push(out);
  });
  vi.stubGlobal('isSecureContext', true);
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText, ...(withItem ? { write } : {}) },
  });
  if (withItem) vi.stubGlobal('ClipboardItem', FakeItem);
  else vi.stubGlobal('ClipboardItem', undefined);
  return { written, write, writeText };
}

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('copyRich', () => {
  it('writes the text and the HTML as one item, from a promise handed over at once', async () => {
    const clipboard = fakeClipboard(true);
    let resolve: (value: { text: string; html: string }) => void = () => {};
    const done = copyRich(new Promise((r) => (resolve = r)));
    // Handed over within the click, before the content exists.
    expect(clipboard.write).toHaveBeenCalledTimes(1);
    resolve({ text: '| a |', html: '<table></table>' });
    await done;
    expect(clipboard.written).toEqual([{ 'text/plain': '| a |', 'text/html': '<table></table>' }]);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('falls back to the text alone where ClipboardItem is missing', async () => {
    const clipboard = fakeClipboard(false);
    await copyRich({ text: 'plain', html: '<p>rich</p>' });
    expect(clipboard.written).toEqual([{ 'text/plain': 'plain' }]);
  });

  it('falls back to the text alone when the browser refuses the HTML', async () => {
    const clipboard = fakeClipboard(true);
    clipboard.write.mockRejectedValueOnce(
      new DOMException('type not supported', 'NotAllowedError'),
    );
    await copyRich({ text: 'plain', html: '<p>rich</p>' });
    expect(clipboard.written).toEqual([{ 'text/plain': 'plain' }]);
  });

  it('fails when the content cannot be built', async () => {
    fakeClipboard(true);
    await expect(copyRich(Promise.reject(new Error('chunk failed')))).rejects.toThrow();
  });
});

describe('copyText', () => {
  it('writes plain text only', async () => {
    const clipboard = fakeClipboard(true);
    await copyText('just text');
    expect(clipboard.written).toEqual([{ 'text/plain': 'just text' }]);
    expect(clipboard.write).not.toHaveBeenCalled();
  });
});
