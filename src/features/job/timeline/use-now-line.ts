import { createContext, useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Puts the now line (`--tl-now`) on a row's track as it is drawn; the timeline moves it on the
 * tracks in the page as the clock ticks (`useNowLine`).
 */
export const NowLineContext = createContext<((track: HTMLElement | null) => void) | undefined>(
  undefined,
);

/**
 * Where "now" is on the axis (`--tl-now`), set on each row's track rather than on the list: a
 * custom property changed on the list restyles every element in it (about 800 with the rows
 * in the page), which took 50 to 80 ms of every second of a live job at 4× CPU slowdown
 * (issue 22). On the tracks it restyles them and their bars only. The tracks in the page are
 * moved when the value changes; a track drawn later takes the value of the moment through the
 * returned ref callback (one identity, so rows are not drawn again for it).
 */
export function useNowLine(value: string): {
  cardRef: RefObject<HTMLDivElement | null>;
  onTrack: (track: HTMLElement | null) => void;
} {
  const cardRef = useRef<HTMLDivElement>(null);
  const current = useRef(value);
  useLayoutEffect(() => {
    current.current = value;
    const card = cardRef.current;
    if (!card) return;
    for (const track of card.querySelectorAll<HTMLElement>('[data-tl-track]')) setNow(track, value);
  }, [value]);
  const onTrack = useCallback((track: HTMLElement | null) => {
    if (track) setNow(track, current.current);
  }, []);
  return { cardRef, onTrack };
}

function setNow(track: HTMLElement, value: string): void {
  if (value === '') track.style.removeProperty('--tl-now');
  else track.style.setProperty('--tl-now', value);
}
