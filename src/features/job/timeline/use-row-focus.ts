import { useCallback, useEffect, useRef } from 'react';

/**
 * Brings a row into view and gives it keyboard focus (its link, else the row itself).
 * Rows use `content-visibility: auto`, so the rows above are laid out with estimated
 * heights; scrolling once more on the next frame corrects for any estimate that changed.
 */
export function focusRow(domId: string, block: ScrollLogicalPosition): void {
  const element = document.getElementById(domId);
  if (!element) return;
  const target = element.querySelector<HTMLElement>('[data-row-link]') ?? element;
  element.scrollIntoView({ block });
  target.focus({ preventScroll: true });
  requestAnimationFrame(() => element.scrollIntoView({ block }));
}

/**
 * Focuses the row named by `?sub=`: centred when the page opens on a shared link, and
 * merely kept in view when the selection changes afterwards (a click already has focus).
 */
export function useSelectedRowFocus(domId: string | undefined): (domId: string) => void {
  const opened = useRef(false);
  useEffect(() => {
    if (!domId) return;
    focusRow(domId, opened.current ? 'nearest' : 'center');
    opened.current = true;
  }, [domId]);
  return useCallback((id: string) => focusRow(id, 'center'), []);
}
