import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement, useState, type FC } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAW_ALL_ROWS_DONE_EVENT, DRAW_ALL_ROWS_EVENT } from '../../../job/draw-all-rows';
import type { Job } from '../../../job/job-schema';
import type * as CompactRowModule from './compact-row';
import { Timeline } from './timeline';
import type * as RowModule from './timeline-row';
import type { TimelineRowProps } from './timeline-row';
import type * as ToolbarModule from './timeline-toolbar';

// Counts row (and toolbar) renders, keeping the real component and its memo comparison.
const renders = vi.hoisted(() => ({ count: 0, compact: 0, toolbar: 0 }));
vi.mock('./timeline-toolbar', async (importOriginal) => {
  const actual = await importOriginal<typeof ToolbarModule>();
  const { memo } = await import('react');
  const real = actual.TimelineToolbar as unknown as { type: FC<object> };
  const Counted = (props: object) => {
    renders.toolbar += 1;
    return createElement(real.type, props);
  };
  return { ...actual, TimelineToolbar: memo(Counted) };
});
vi.mock('./compact-row', async (importOriginal) => {
  const actual = await importOriginal<typeof CompactRowModule>();
  const { memo } = await import('react');
  const real = actual.CompactRow as unknown as {
    type: FC<TimelineRowProps>;
    compare: (a: TimelineRowProps, b: TimelineRowProps) => boolean;
  };
  const Counted = (props: TimelineRowProps) => {
    renders.compact += 1;
    return createElement(real.type, props);
  };
  return { ...actual, CompactRow: memo(Counted, real.compare) };
});
vi.mock('./timeline-row', async (importOriginal) => {
  const actual = await importOriginal<typeof RowModule>();
  const { memo } = await import('react');
  const real = actual.TimelineRow as unknown as {
    type: FC<TimelineRowProps>;
    compare: (a: TimelineRowProps, b: TimelineRowProps) => boolean;
  };
  const Counted = (props: TimelineRowProps) => {
    renders.count += 1;
    return createElement(real.type, props);
  };
  return { ...actual, TimelineRow: memo(Counted, real.compare) };
});

const at = (s: number) =>
  new Date(Date.UTC(2026, 2, 1, 10, 0, 3) + s * 1000).toISOString().slice(0, 19).replace('T', ' ');
const REASON = `Subnet subnet-7f3a has not enough free IP addresses for 3 new storage nodes. ${'Details follow. '.repeat(30)}`;

const failedJob: Job = {
  job_id: 'job-1',
  job_type: 'create_share',
  status: 'failed',
  begin_time: at(0),
  end_time: at(90),
  error_code: 'SFS.TURBO.0029',
  fail_reason: 'a sub-job failed',
  sub_jobs: [
    {
      job_id: 'sub-ok',
      job_type: 'create_share',
      status: 'success',
      begin_time: at(0),
      end_time: at(30),
    },
    {
      job_id: 'sub-bad',
      job_type: 'change_security_group',
      status: 'failed',
      begin_time: at(30),
      end_time: at(90),
      error_code: 'SFS.TURBO.0029',
      fail_reason: REASON,
    },
    {
      job_id: 'sub-later',
      job_type: 'bind_ldap',
      status: 'failed',
      begin_time: at(40),
      end_time: at(50),
    },
  ],
};

function renderTimeline(job: Job, path = '/eu-de/projects/p/jobs/j') {
  let location = '';
  let setJob: (job: Job) => void = () => {};
  // Stands in for the job page: holds the data object react-query would hand over.
  const Page = () => {
    const [current, set] = useState(job);
    setJob = set;
    location = useLocation().search;
    return <Timeline job={current} zone="utc" />;
  };
  const router = createMemoryRouter(
    [{ path: '/:region/projects/:projectId/jobs/:jobId', element: <Page /> }],
    {
      initialEntries: [path],
    },
  );
  const view = render(<RouterProvider router={router} />);
  return { ...view, search: () => location, rerenderWith: (next: Job) => act(() => setJob(next)) };
}

beforeEach(() => {
  renders.count = 0;
  renders.compact = 0;
  renders.toolbar = 0;
  Element.prototype.scrollIntoView = vi.fn();
});

describe('Timeline', () => {
  it('shows a failed sub-job’s code, its meaning and the whole reason without any interaction', () => {
    renderTimeline(failedJob);
    const row = screen.getByRole('link', { name: /sub-bad/ }).closest('li')!;
    expect(row).toHaveProperty('dataset.status', 'failed');
    const text = row.textContent ?? '';
    expect(text).toContain('SFS.TURBO.0029');
    expect(text).toContain('The subnet has not enough free IP addresses.');
    expect(text).toContain(REASON);
  });

  it('lists the job and its sub-jobs in start order, each with its bar in words', () => {
    renderTimeline(failedJob);
    const items = within(screen.getByRole('list', { name: /time axis/ })).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]?.textContent).toContain('Whole job');
    expect(items.map((item) => item.dataset.rowKey)).toEqual([
      'job',
      'id:sub-ok',
      'id:sub-bad',
      'id:sub-later',
    ]);
    expect(
      screen.getByRole('img', {
        name: "began 10:00:33 UTC, +30 s after the job's start, ran 1 min",
      }),
    ).toBeTruthy();
    expect(document.body.textContent).toContain(
      'Times in UTC · offsets from the job’s start at 2026-03-01 10:00:03 UTC',
    );
    expect(screen.getByTestId('timeline-counts').textContent).toBe(
      '3 sub-jobs:2 failed1 succeeded',
    );
  });

  it('opens on a shared ?sub= link with that sub-job highlighted and focused', () => {
    renderTimeline(failedJob, '/eu-de/projects/p/jobs/j?sub=sub-later');
    const link = screen.getByRole('link', { name: 'Sub-job sub-later (selected)' });
    expect(link.closest('li')?.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(link);
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center' });
    expect(screen.getByRole('button', { name: 'Copy link to this sub-job' })).toBeTruthy();
  });

  it('says so when the link names a sub-job the job does not have', () => {
    renderTimeline(failedJob, '/eu-de/projects/p/jobs/j?sub=nope');
    expect(screen.getByRole('status').textContent).toContain('nope');
  });

  it('lets a keyboard user select a row and jump to the first failure', async () => {
    const user = userEvent.setup();
    const view = renderTimeline(failedJob);
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Jump to first failure');
    await user.keyboard('{Enter}');
    expect(view.search()).toBe('?sub=sub-bad');
    expect(document.activeElement).toBe(
      screen.getByRole('link', { name: 'Sub-job sub-bad (selected)' }),
    );
    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Copy link to this sub-job' }),
    );
    // sub-bad's long reason is the job card's first failure: its row refers to it, folded.
    await user.tab();
    expect(document.activeElement?.textContent).toContain(
      'The failure reason printed in full in the job card above',
    );
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Sub-job sub-later' }));
    await user.keyboard('{Enter}');
    expect(view.search()).toBe('?sub=sub-later');
    expect(
      screen
        .getByRole('link', { name: 'Sub-job sub-later (selected)' })
        .closest('li')
        ?.getAttribute('aria-current'),
    ).toBe('true');
  });

  it('re-renders no row when a refetch changes nothing, and only the changed row when one sub-job changes', () => {
    const view = renderTimeline(failedJob);
    expect(renders.count).toBe(4);
    renders.count = 0;
    view.rerenderWith(structuredClone(failedJob));
    expect(renders.count).toBe(0);
    const changed = structuredClone(failedJob);
    // A change that leaves the first failure as it was (a reason for sub-later would make it the
    // first failure, as it ended first, and the rows that refer to the card's reason would follow).
    changed.sub_jobs![2]!.end_time = at(60);
    view.rerenderWith(changed);
    expect(renders.count).toBe(1);
  });

  const liveJob: Job = {
    job_id: 'job-live',
    job_type: 'create_share',
    status: 'running',
    begin_time: at(0),
    sub_jobs: [
      { job_id: 'sub-done', status: 'success', begin_time: at(0), end_time: at(10) },
      { job_id: 'sub-run', status: 'running', begin_time: at(10) },
      { job_id: 'sub-wait', status: 'waiting' },
    ],
  };
  const nbsp = (text: string) => text.replaceAll(' ', '\u00a0');

  it.each(['comfortable', 'compact'] as const)(
    'ticks the running times on the page’s clock without re-rendering a row (%s rows)',
    (density) => {
      // The clock's own timer and time only: the router and React keep theirs.
      vi.useFakeTimers({
        // 25 s into the job: over the two ticks below the axis (to 30 s) stays as it is.
        now: Date.UTC(2026, 2, 1, 10, 0, 3) + 25_000,
        toFake: ['Date', 'setInterval', 'clearInterval'],
      });
      localStorage.setItem('sfs-turbo-jobs:timeline-density', density);
      try {
        renderTimeline(liveJob);
        const run = screen.getByRole('link', { name: /sub-run/ }).closest('li')!;
        const job = document.querySelector<HTMLElement>('li[data-row-key="job"]')!;
        const card = document.querySelector<HTMLElement>('[data-live="true"]')!;
        // On every row's track, not on the card: changed there, it restyled every element
        // of the list each second (issue 22).
        const nowLines = () =>
          [...card.querySelectorAll<HTMLElement>('[data-tl-track]')].map((track) =>
            track.style.getPropertyValue('--tl-now'),
          );
        expect(card.style.getPropertyValue('--tl-now')).toBe('');
        const [nowLine] = nowLines();
        expect(nowLine).toMatch(/^[\d.]+%$/);
        expect(nowLines()).toEqual([nowLine, nowLine, nowLine, nowLine]);
        const runText = density === 'compact' ? '15 s so far' : nbsp('Took 15 s so far');
        expect(run.textContent).toContain(runText);
        expect(job.textContent).toContain(nbsp('Took 25 s so far'));
        expect(
          screen.getByRole('img', {
            name: /\+10 s after the job's start, running for 15 s so far$/,
          }),
        ).toBeTruthy();
        renders.count = 0;
        renders.compact = 0;
        renders.toolbar = 0;

        act(() => vi.advanceTimersByTime(2_000));
        expect(run.textContent).toContain(runText.replace('15', '17'));
        expect(run.textContent).not.toContain(runText);
        expect(job.textContent).toContain(nbsp('Took 27 s so far'));
        expect(
          screen.getByRole('img', {
            name: /\+10 s after the job's start, running for 17 s so far$/,
          }),
        ).toBeTruthy();
        if (density === 'compact')
          expect(run.querySelector('[title*="Took"]')?.getAttribute('title')).toContain(
            nbsp('Took 17 s so far'),
          );
        // The now line moved with them, and not one row was drawn again.
        const [moved] = nowLines();
        expect(moved).not.toBe(nowLine);
        expect(nowLines()).toEqual([moved, moved, moved, moved]);
        expect(renders).toEqual({ count: 0, compact: 0, toolbar: 0 });
      } finally {
        localStorage.removeItem('sfs-turbo-jobs:timeline-density');
        vi.useRealTimers();
      }
    },
  );

  it('leaves a large live job’s toolbar (counts, filters, failure moves) alone as the clock ticks', () => {
    vi.useFakeTimers({
      now: Date.UTC(2026, 2, 1, 10, 0, 3) + 25_000,
      toFake: ['Date', 'setInterval', 'clearInterval'],
    });
    try {
      const large: Job = {
        ...liveJob,
        sub_jobs: Array.from({ length: 30 }, (_, index) =>
          index < 2
            ? { job_id: `bad-${index}`, status: 'failed', begin_time: at(index), end_time: at(5) }
            : { job_id: `run-${index}`, status: 'running', begin_time: at(index) },
        ),
      };
      renderTimeline(large);
      expect(screen.getByRole('button', { name: /next failure/i })).toBeTruthy();
      expect(renders.toolbar).toBeGreaterThan(0);
      renders.toolbar = 0;
      act(() => vi.advanceTimersByTime(3_000));
      expect(renders.toolbar).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('puts only a large job’s rows near the screen in the page, the linked row among them, and every row for a picture', async () => {
    const big: Job = {
      status: 'failed',
      begin_time: at(0),
      end_time: at(400),
      sub_jobs: Array.from({ length: 300 }, (_, i) => ({
        job_id: `s${i}`,
        status: i === 290 ? 'failed' : 'success',
        begin_time: at(i),
        end_time: at(i + 5),
      })),
    };
    // jsdom has no scrolling; the virtualiser scrolls the window to the linked row.
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderTimeline(big, '/eu-de/projects/p/jobs/j?sub=s250');
    // Plain DOM queries: role queries over hundreds of rows are slow in jsdom.
    const items = () => document.querySelectorAll('ol > li');
    const list = document.querySelector('ol[data-virtual]');
    expect(list).not.toBeNull();
    expect(items().length).toBeGreaterThan(10);
    expect(items().length).toBeLessThan(200);
    expect(document.querySelector('#timeline-row-250')).not.toBeNull();
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Sub-job s250 (selected)'),
    );
    expect(screen.queryByText(/more rows/)).toBeNull();
    // The PNG capture asks for every row, then lets the list go back.
    act(() => {
      window.dispatchEvent(new Event(DRAW_ALL_ROWS_EVENT));
    });
    expect(items()).toHaveLength(301);
    expect(document.querySelector('ol[data-virtual]')).toBeNull();
    act(() => {
      window.dispatchEvent(new Event(DRAW_ALL_ROWS_DONE_EVENT));
    });
    expect(items().length).toBeLessThan(200);
    expect(scrollTo).toHaveBeenCalled();
    scrollTo.mockRestore();
  }, 60_000);

  const searchable: Job = {
    status: 'running',
    begin_time: at(0),
    sub_jobs: Array.from({ length: 40 }, (_, i) => ({
      job_id: `sub-${String(i).padStart(4, '0')}`,
      status: i === 32 || i === 37 ? 'failed' : i >= 38 ? 'running' : 'success',
      begin_time: at(i),
      ...(i >= 38 ? {} : { end_time: at(i + 5) }),
      ...(i === 32 || i === 37
        ? { error_code: 'SFS.TURBO.0030', fail_reason: `ECS resources exhausted in az${i}` }
        : {}),
    })),
  };
  const subJobRows = () =>
    [...document.querySelectorAll<HTMLElement>('ol > li')]
      .map((item) => item.dataset.rowKey)
      .filter((key) => key !== 'job');

  it('finds a sub-job by ID, code or reason and keeps the search and the filters in the address', async () => {
    const user = userEvent.setup();
    const view = renderTimeline(searchable);
    const field = screen.getByRole('searchbox', { name: 'Find a sub-job' });
    await user.type(field, '0032');
    expect(view.search()).toBe('?q=0032');
    expect(subJobRows()).toEqual(['id:sub-0032']);
    expect(screen.getByTestId('search-count').textContent).toBe('1 of 40');

    await user.clear(field);
    await user.type(field, 'sfs.TURBO.0030');
    expect(subJobRows()).toEqual(['id:sub-0032', 'id:sub-0037']);
    await user.clear(field);
    await user.type(field, 'AZ37');
    expect(subJobRows()).toEqual(['id:sub-0037']);

    await user.clear(field);
    await user.click(screen.getByRole('button', { name: /running/ }));
    await user.click(screen.getByRole('button', { name: /failed/ }));
    expect(new URLSearchParams(view.search()).get('status')).toBe('failed,running');
    expect(subJobRows()).toEqual(['id:sub-0032', 'id:sub-0037', 'id:sub-0038', 'id:sub-0039']);
    await user.type(field, '3');
    expect(view.search()).toBe('?status=failed%2Crunning&q=3');
    expect(subJobRows()).toEqual(['id:sub-0032', 'id:sub-0037', 'id:sub-0038', 'id:sub-0039']);
    await user.type(field, '9');
    expect(subJobRows()).toEqual(['id:sub-0039']);
    expect(screen.getByRole('status').textContent).toContain(
      'Showing 1 of 40 sub-jobs: failed, running; matching “39”.',
    );

    await user.click(screen.getByRole('button', { name: 'Show all' }));
    expect(view.search()).toBe('');
    expect(subJobRows()).toHaveLength(40);
    expect((field as HTMLInputElement).value).toBe('');
  }, 20_000);

  it('opens a link’s filtered view as it was, on a small job too', () => {
    renderTimeline(searchable, '/eu-de/projects/p/jobs/j?status=failed&q=az3&sub=sub-0037');
    expect(subJobRows()).toEqual(['id:sub-0032', 'id:sub-0037']);
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Find a sub-job' }).value).toBe(
      'az3',
    );
    expect(screen.getByRole('button', { name: /failed/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    cleanup();
    renderTimeline(failedJob, '/eu-de/projects/p/jobs/j?q=SUB-BAD');
    expect(subJobRows()).toEqual(['id:sub-bad']);
    expect(screen.getByRole('button', { name: 'Show all' })).toBeTruthy();
  });

  it('says which words of a link’s status filter name no state', () => {
    renderTimeline(searchable, '/eu-de/projects/p/jobs/j?status=failed,paused');
    expect(subJobRows()).toEqual(['id:sub-0032', 'id:sub-0037']);
    expect(document.body.textContent).toContain(
      'The link’s status filter names paused, which is not a state',
    );
  });

  it('says when the job reports no sub-jobs', () => {
    renderTimeline({ status: 'success', begin_time: at(0), end_time: at(1) });
    expect(screen.getByTestId('timeline-counts').textContent).toContain(
      'the job reports no sub-jobs',
    );
    expect(screen.queryByRole('button', { name: 'Jump to first failure' })).toBeNull();
  });

  it('refers to a long reason the job card prints in full instead of printing it twice more', () => {
    const job: Job = {
      ...failedJob,
      fail_reason: REASON,
      sub_jobs: [
        { ...failedJob.sub_jobs![1]!, fail_reason: REASON },
        // Ends after sub-bad: sub-bad's failure is the first, the one the card prints in full.
        { ...failedJob.sub_jobs![2]!, fail_reason: 'short reason', end_time: at(95) },
      ],
    };
    renderTimeline(job);
    const references = document.querySelectorAll('details[data-reason-ref]');
    expect(references).toHaveLength(2);
    for (const reference of references) {
      expect(reference.querySelector('summary')?.textContent).toContain(
        `The failure reason printed in full in the job card above (${REASON.length} characters)`,
      );
      expect(reference.hasAttribute('open')).toBe(false);
    }
    // A short reason is no burden: it stays in its row.
    expect(screen.getByText('short reason').closest('details')).toBeNull();
  });

  describe('a large job on one screen', { timeout: 30_000 }, () => {
    const large: Job = {
      status: 'failed',
      begin_time: at(0),
      end_time: at(400),
      sub_jobs: Array.from({ length: 120 }, (_, i) => ({
        job_id: `s${i}`,
        status: i === 30 || i === 90 ? 'failed' : i > 110 ? 'running' : 'success',
        begin_time: at(i),
        ...(i > 110 ? {} : { end_time: at(i + 5) }),
        ...(i === 30 || i === 90
          ? { error_code: 'SFS.TURBO.0030', fail_reason: `reason ${i}` }
          : {}),
      })),
    };
    const list = () => screen.getByRole('list', { name: /time axis/ });
    const subRows = () => [...list().querySelectorAll<HTMLElement>(':scope > li')].slice(1);

    beforeEach(() => localStorage.clear());

    it('opens in compact rows with the failure reasons inline, and remembers a switch to comfortable', async () => {
      const user = userEvent.setup();
      const view = renderTimeline(large);
      expect(list().dataset.density).toBe('compact');
      const failed = await waitFor(() => {
        const row = list().querySelector<HTMLElement>('li[data-row-key="id:s30"]');
        if (!row) throw new Error('not drawn yet');
        return row;
      });
      expect(failed.dataset.density).toBe('compact');
      expect(failed.textContent).toContain('reason 30');
      expect(failed.textContent).toContain('SFS.TURBO.0030');
      await user.click(screen.getByRole('button', { name: 'Comfortable' }));
      expect(list().dataset.density).toBe('comfortable');
      expect(localStorage.getItem('sfs-turbo-jobs:timeline-density')).toBe('comfortable');
      view.unmount();
      renderTimeline(large);
      expect(list().dataset.density).toBe('comfortable');
      expect(screen.getByRole('button', { name: 'Comfortable' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
    });

    it('keeps a small job comfortable, without filters', () => {
      renderTimeline(failedJob);
      expect(list().dataset.density).toBe('comfortable');
      expect(screen.queryByRole('button', { name: /failed/ })).toBeNull();
    });

    it('filters by the status counts and shows all again', async () => {
      const user = userEvent.setup();
      renderTimeline(large);
      await user.click(screen.getByRole('button', { name: '2 failed' }));
      expect(subRows().map((row) => row.dataset.rowKey)).toEqual(['id:s30', 'id:s90']);
      expect(screen.getByRole('status').textContent).toContain(
        'Showing 2 of 120 sub-jobs: failed.',
      );
      await user.click(screen.getByRole('button', { name: '9 running' }));
      expect(subRows()).toHaveLength(11);
      await user.click(screen.getByRole('button', { name: 'Show all' }));
      await waitFor(() => expect(subRows()).toHaveLength(120));
    });

    it('steps to the next and previous failure, round at the ends', async () => {
      const user = userEvent.setup();
      const view = renderTimeline(large);
      await user.click(screen.getByRole('button', { name: 'Next failure' }));
      expect(view.search()).toBe('?sub=s30');
      await user.click(screen.getByRole('button', { name: 'Next failure' }));
      expect(view.search()).toBe('?sub=s90');
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Sub-job s90 (selected)');
      await user.click(screen.getByRole('button', { name: 'Next failure' }));
      expect(view.search()).toBe('?sub=s30');
      await user.click(screen.getByRole('button', { name: 'Previous failure' }));
      expect(view.search()).toBe('?sub=s90');
    });

    it('jumps to the row a click on the overview points at, even when filtered out', async () => {
      const user = userEvent.setup();
      const view = renderTimeline(large);
      await user.click(screen.getByRole('button', { name: '2 failed' }));
      const overview = await screen.findByRole('img', { name: /Overview: every sub-job/ });
      overview.getBoundingClientRect = () => ({ top: 0, height: 120 }) as DOMRect;
      // Row 101 of 120 (s100, a success) is drawn at y = 100.5.
      fireEvent.click(overview, { clientY: 100.5 });
      expect(view.search()).toBe('?sub=s100');
      expect(subRows()).toHaveLength(120);
      // Near a failure, the click lands on it.
      fireEvent.click(overview, { clientY: 89.5 });
      expect(view.search()).toBe('?sub=s90');
    });
  });
});
