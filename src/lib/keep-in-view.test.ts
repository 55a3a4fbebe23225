import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepInView } from './keep-in-view';

/** jsdom has no ResizeObserver: this one is told by the test when its box changes size. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed: Element[] = [];
  constructor(readonly callback: () => void) {
    FakeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  disconnect() {
    this.observed = [];
  }
  resize() {
    if (this.observed.length > 0) this.callback();
  }
}

function page() {
  const above = document.createElement('div');
  const field = document.createElement('textarea');
  const other = document.createElement('button');
  document.body.append(above, field, other);
  const scrolled = vi.fn();
  field.scrollIntoView = scrolled;
  field.focus();
  return { above, field, other, scrolled, grow: () => FakeObserver.last?.resize() };
}

describe('keepInView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('ResizeObserver', FakeObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('brings the focused field back on screen each time the content above it changes size', () => {
    const { above, field, scrolled, grow } = page();
    keepInView(field, above);
    expect(FakeObserver.last?.observed).toEqual([above]);
    grow();
    grow();
    expect(scrolled).toHaveBeenCalledTimes(2);
    expect(scrolled).toHaveBeenCalledWith({ block: 'nearest' });
  });

  it('lets go once focus leaves the field', () => {
    const { above, field, other, scrolled, grow } = page();
    keepInView(field, above);
    other.focus();
    grow();
    expect(scrolled).not.toHaveBeenCalled();
  });

  it('lets go once the user scrolls or points themselves', () => {
    for (const type of ['wheel', 'touchmove', 'pointerdown']) {
      const { above, field, scrolled, grow } = page();
      keepInView(field, above);
      window.dispatchEvent(new Event(type));
      grow();
      expect(scrolled, type).not.toHaveBeenCalled();
      document.body.replaceChildren();
    }
  });

  it('lets go when its time is up, or when stopped', () => {
    const first = page();
    keepInView(first.field, first.above, 1_000);
    vi.advanceTimersByTime(1_000);
    first.grow();
    expect(first.scrolled).not.toHaveBeenCalled();

    const second = page();
    const stop = keepInView(second.field, second.above);
    stop();
    second.grow();
    expect(second.scrolled).not.toHaveBeenCalled();
  });
});
