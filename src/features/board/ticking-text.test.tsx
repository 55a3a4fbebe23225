import { act, render } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../job/job-schema';
import { RowTimesText } from './row-facts';
import { TickClock, TickingText } from './ticking-text';

const BEGIN = Date.UTC(2026, 11, 4, 20, 40, 0);

function running(begin = '2026-12-04 20:40:00'): Job {
  return { status: 'running', job_type: 'extend_share', begin_time: begin } as Job;
}

/** Renders `children` under the page's clock; counts the commits inside them. */
function onTheClock(children: ReactNode) {
  const commits = vi.fn();
  const tree = (inner: ReactNode) => (
    <>
      <TickClock />
      <Profiler id="rows" onRender={commits}>
        {inner}
      </Profiler>
    </>
  );
  const view = render(tree(children));
  return { ...view, commits, update: (inner: ReactNode) => view.rerender(tree(inner)) };
}

const tick = (ms = 1000) => act(() => vi.advanceTimersByTime(ms));
const texts = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-ticking]')].map((element) => element.textContent);

beforeEach(() => {
  vi.useFakeTimers({ now: BEGIN + 65_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('elapsed times on the board', () => {
  it('a tick re-renders no row: the clock writes the new time into the page', () => {
    const { container, commits } = onTheClock(
      <>
        <RowTimesText job={running()} zone="utc" />
        <RowTimesText job={running('2026-12-04 20:30:00')} zone="utc" />
      </>,
    );
    expect(texts(container)).toEqual(['(1 min 05 s so far)', '(11 min 05 s so far)']);
    commits.mockClear();
    tick();
    tick();
    expect(texts(container)).toEqual(['(1 min 07 s so far)', '(11 min 07 s so far)']);
    expect(commits).not.toHaveBeenCalled();
  });

  it('every ticking text moves in the same second, however late it was mounted', () => {
    const job = running();
    const { container, update } = onTheClock(<RowTimesText job={job} zone="utc" />);
    tick(2500);
    update(
      <>
        <RowTimesText job={job} zone="utc" />
        <RowTimesText job={running()} zone="utc" />
      </>,
    );
    expect(texts(container)).toEqual(['(1 min 07 s so far)', '(1 min 07 s so far)']);
    tick(500);
    expect(texts(container)).toEqual(['(1 min 08 s so far)', '(1 min 08 s so far)']);
  });

  it('writes only when the words change, and sizes the box to them', () => {
    const { container } = onTheClock(
      <TickingText words={(now) => `${Math.floor((now - BEGIN) / 60_000)} min`} />,
    );
    const box = container.querySelector<HTMLElement>('[data-ticking] > span');
    if (!box) throw new Error('no ticking box');
    expect(box.textContent).toBe('1 min');
    expect(box.style.width).toBe('5ch');
    const text = box.firstChild;
    const writes = new MutationObserver(() => {});
    writes.observe(box, { characterData: true, childList: true, subtree: true });
    tick(54_000);
    expect(writes.takeRecords()).toEqual([]);
    tick(1000);
    expect(writes.takeRecords()).toHaveLength(1);
    expect(box.textContent).toBe('2 min');
    // The same text node, its data changed: nothing around it is replaced.
    expect(box.firstChild).toBe(text);
    tick(9 * 60_000);
    expect(box.textContent).toBe('11 min');
    expect(box.style.width).toBe('6ch');
  });

  it('a row that re-renders (a poll) shows its new state at once, between ticks', () => {
    const { container, update } = onTheClock(<RowTimesText job={running()} zone="utc" />);
    tick(1000);
    expect(texts(container)).toEqual(['(1 min 06 s so far)']);
    const ended = { ...running(), status: 'success', end_time: '2026-12-04 20:42:00' } as Job;
    update(<RowTimesText job={ended} zone="utc" />);
    expect(texts(container)).toEqual([]);
    expect(container.textContent).toContain('(2 min)');
    tick(3000);
    expect(container.textContent).toContain('(2 min)');
  });
});
