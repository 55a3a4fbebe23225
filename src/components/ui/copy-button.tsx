import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { Button } from './button';

type CopyState = 'idle' | 'copied' | 'failed';
const FEEDBACK: Record<CopyState, string> = { idle: '', copied: 'Copied', failed: 'Copy failed' };

/**
 * Copies `value` (a function is called at click time, for text that is costly to build or whose code
 * is loaded on demand), or does what `copy` does (text and HTML together, say);
 * says so in words for two seconds. `label` is the accessible name and stays the same while
 * the feedback shows; with `text` the button shows words, without it only an icon.
 */
export function CopyButton({
  value,
  copy: copyWith,
  label,
  text,
  variant = 'ghost',
}: (
  | { value: string | (() => string | Promise<string>); copy?: undefined }
  | { value?: undefined; copy: () => Promise<void> }
) & {
  label: string;
  text?: string;
  variant?: 'ghost' | 'secondary';
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      if (copyWith) await copyWith();
      else await copyText(typeof value === 'function' ? value() : value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  const Icon = state === 'copied' ? Check : Copy;
  // The button keeps its width whatever it says (the buttons beside it stay put): with words,
  // every wording is laid out in one grid cell and only the current one is visible; an icon
  // button shows its feedback in a bubble below it, outside the flow.
  const words = text ? [text, FEEDBACK.copied, FEEDBACK.failed] : [];
  const current = state === 'idle' ? text : FEEDBACK[state];
  return (
    <>
      <Button
        variant={variant}
        size="sm"
        onClick={() => void copy()}
        aria-label={label}
        title={text ? undefined : label}
        className="relative"
      >
        <Icon className="size-3.5" aria-hidden />
        {text ? (
          <span aria-hidden className="inline-grid" data-copy-words>
            {words.map((word) => (
              <span key={word} className={`[grid-area:1/1] ${word === current ? '' : 'invisible'}`}>
                {word}
              </span>
            ))}
          </span>
        ) : state !== 'idle' ? (
          <span
            aria-hidden
            className="absolute top-full left-1/2 z-20 mt-1 -translate-x-1/2 rounded bg-ink px-1.5 py-0.5 text-xs text-panel"
          >
            {FEEDBACK[state]}
          </span>
        ) : null}
      </Button>
      <span role="status" className="sr-only">
        {FEEDBACK[state]}
      </span>
    </>
  );
}
