import { useCallback, useEffect, useRef } from 'react';

/**
 * Brings a row into view and gives it keyboard focus (its link, else the row itself).
 * Scrolling once more on the next frame corrects for rows above whose height changed as they
 * were drawn.
 * A virtualised list scrolls itself (`scrolled`): the row is only focused here.
 */
export function focusRow(
  domId: string,
  block: ScrollLogicalPosition,
  scrolled = false,
  framesLeft = 5,
): void {
  const element = document.getElementById(domId);
  if (!element) {
    // A virtualised list mounts the row once it has measured the window: a frame or two.
    if (framesLeft > 0)
      requestAnimationFrame(() => focusRow(domId, block, scrolled, framesLeft - 1));
    return;
  }
  const target = element.querySelector<HTMLElement>('[data-row-link]') ?? element;
  if (!scrolled) element.scrollIntoView({ block });
  target.focus({ preventScroll: true });
  if (!scrolled) requestAnimationFrame(() => element.scrollIntoView({ block }));
}

/**
 * Focuses the row named by `?sub=`: centred when the page opens on a shared link, and
 * merely kept in view when the selection changes afterwards (a click already has focus).
 * `scrollTo`, given by a virtualised list, brings the selected row to the centre instead.
 */
export function useSelectedRowFocus(
  domId: string | undefined,
  scrollTo?: () => void,
): (domId: string, scrolled?: boolean) => void {
  const opened = useRef(false);
  const scrollRef = useRef(scrollTo);
  useEffect(() => {
    scrollRef.current = scrollTo;
  });
  useEffect(() => {
    if (!domId) return;
    const scroll = opened.current ? undefined : scrollRef.current;
    scroll?.();
    focusRow(domId, opened.current ? 'nearest' : 'center', scroll !== undefined);
    opened.current = true;
  }, [domId]);
  return useCallback((id: string, scrolled = false) => focusRow(id, 'center', scrolled), []);
}
