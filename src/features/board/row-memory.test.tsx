import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Watch } from '../../../common/contract';
import type { JobResponse } from '../../lib/api-client';
import { history, memoryTarget, watch } from '../../test/memory-fixtures';
import { BoardWatch } from './board-watch';
import { RowRecord, RowWatch } from './row-memory';

const other = { ...memoryTarget, jobId: 'job-2' };
const done = { ...memoryTarget, jobId: 'job-3' };

function serve(state: { targets: { name: string; kind: string }[]; watches: Watch[] }) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === '/api/notify-targets') return Response.json({ targets: state.targets });
    if (url === '/api/watches' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Watch;
      const created = watch({ ...body, id: `w-${body.jobId}` });
      state.watches = [created, ...state.watches];
      return Response.json(created, { status: 201 });
    }
    if (url === '/api/watches') return Response.json({ watches: state.watches });
    if (url.startsWith('/api/history/')) return Response.json(history());
    return Response.json({ errCode: 'PROXY.NOT_FOUND', errMsg: 'x' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{children}</QueryClientProvider>);
}

const snapshot = (status: string) => ({
  data: { job: { status } } as JobResponse,
  error: null,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the board and the server memory', () => {
  it('"Watch all" watches every unfinished job not yet watched, with one destination', async () => {
    const state = { targets: [{ name: 'inc-channel', kind: 'slack' }], watches: [watch()] };
    const fetchMock = serve(state);
    wrap(
      <BoardWatch
        jobs={[memoryTarget, other, done]}
        snapshots={[snapshot('running'), snapshot('waiting'), snapshot('success')]}
      />,
    );
    expect(await screen.findByText('Watching 1 of 3 jobs on the server')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Watch all unfinished \(1\)/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Watch 1 unfinished' }));
    await screen.findByText('Watching 2 of 3 jobs on the server');
    const posted = fetchMock.mock.calls
      .filter(([, init]) => init?.method === 'POST')
      .map(([, init]) => JSON.parse(String(init?.body)) as { jobId: string });
    expect(posted.map((body) => body.jobId)).toEqual(['job-2']);
  });

  it('offers no "Watch all" when the server has no destination', async () => {
    const fetchMock = serve({ targets: [], watches: [] });
    const view = wrap(<BoardWatch jobs={[memoryTarget]} snapshots={[snapshot('running')]} />);
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/notify-targets')).toBe(
        true,
      ),
    );
    expect(view.container.textContent).toBe('');
  });

  it('a row says its watch, and what the dashboard last saw of a job the cloud forgot', async () => {
    serve({ targets: [{ name: 'inc-channel', kind: 'slack' }], watches: [watch()] });
    wrap(
      <>
        <RowWatch target={memoryTarget} zone="utc" />
        <RowRecord target={memoryTarget} zone="utc" />
      </>,
    );
    expect(await screen.findByText('Watching · posts to inc-channel when it ends')).toBeTruthy();
    const record = await screen.findByText(/last seen Failed at 2026-12-04 20:46:56 UTC/);
    expect(record.closest('[data-row-record]')?.textContent).toContain('(a record, not live)');
  });
});
