/** What a user does to move the page themselves: from then on the page is theirs. */
const USER_SCROLLS = ['wheel', 'touchmove', 'pointerdown'] as const;

/**
 * Keeps the focused `field` on screen while `above` (content drawn before it) changes size,
 * until focus leaves the field, the user scrolls or points, or `ms` have passed. Returns
 * the function that stops it early.
 *
 * Sending the keyboard to a field below content that is still loading is not enough: the
 * browser's scroll anchoring holds the first visible element still, so content growing
 * between it and the field pushes the field off screen with the keyboard in it.
 */
export function keepInView(field: HTMLElement, above: Element, ms = 10_000): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(() => {
    if (document.activeElement === field) field.scrollIntoView({ block: 'nearest' });
    else stop();
  });
  const timer = setTimeout(stop, ms);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
    field.removeEventListener('blur', stop);
    for (const type of USER_SCROLLS) window.removeEventListener(type, stop, true);
  }
  observer.observe(above);
  field.addEventListener('blur', stop);
  for (const type of USER_SCROLLS) window.addEventListener(type, stop, true);
  return stop;
}
