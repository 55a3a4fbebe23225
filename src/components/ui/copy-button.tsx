import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { Button } from './button';

type CopyState = 'idle' | 'copied' | 'failed';
const FEEDBACK: Record<CopyState, string> = { idle: '', copied: 'Copied', failed: 'Copy failed' };

/**
 * Copies `value` (a function is called at click time, for text that is costly to build);
 * says so in words for two seconds. `label` is the accessible name and stays the same while
 * the feedback shows; with `text` the button shows words, without it only an icon.
 */
export function CopyButton({
  value,
  label,
  text,
  variant = 'ghost',
}: {
  value: string | (() => string);
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
      await copyText(typeof value === 'function' ? value() : value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  const Icon = state === 'copied' ? Check : Copy;
  return (
    <>
      <Button variant={variant} size="sm" onClick={() => void copy()} aria-label={label} title={text ? undefined : label}>
        <Icon className="size-3.5" aria-hidden />
        {text ? (
          <span aria-hidden>{state === 'idle' ? text : FEEDBACK[state]}</span>
        ) : (
          <span aria-hidden className={state === 'idle' ? 'sr-only' : ''}>
            {FEEDBACK[state]}
          </span>
        )}
      </Button>
      <span role="status" className="sr-only">
        {FEEDBACK[state]}
      </span>
    </>
  );
}
