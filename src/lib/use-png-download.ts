import { useState, type RefObject } from 'react';

export type PngState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'saved'; fileName: string }
  | { kind: 'failed'; message: string };

/** What the status line beside the button says, the same on every page that offers a PNG. */
export function pngWords(state: PngState): string {
  switch (state.kind) {
    case 'working':
      return 'Preparing the PNG…';
    case 'saved':
      return `Saved ${state.fileName}`;
    case 'failed':
      return `PNG failed: ${state.message}`;
    default:
      return '';
  }
}

/**
 * A PNG of the element behind `regionRef`, saved by `save` (which draws it, saves it and
 * returns the file name), with the state of the attempt for the status line.
 */
export function usePngDownload(
  regionRef: RefObject<HTMLElement | null>,
  save: (region: HTMLElement) => Promise<string>,
) {
  const [state, setState] = useState<PngState>({ kind: 'idle' });
  const download = async () => {
    const region = regionRef.current;
    if (!region) return;
    setState({ kind: 'working' });
    try {
      setState({ kind: 'saved', fileName: await save(region) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, download };
}
