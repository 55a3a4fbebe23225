import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryResponse, RegionsResponse, Watch } from '../../../../common/contract';
import { history, memoryTarget, recordedBody, watch } from '../../../test/memory-fixtures';
import { JobView } from '../job-view';

const regions = {
  regions: [{ id: 'eu-de', name: 'Open Telekom Cloud · Germany (eu-de)', cloud: 'otc' }],
  defaultRegion: 'eu-de',
  simulated: false,
  credentials: { kind: 'token' },
  endpointOverride: false,
  demoJobs: [],
} satisfies RegionsResponse;

interface Server {
  job: { status: number; body: unknown };
  history: HistoryResponse | null;
  targets: { name: string; kind: string }[] | 'no-memory';
  watches: Watch[];
  post?: { status: number; body: unknown };
}

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
const notFound = () => json(404, { errCode: 'PROXY.NOT_FOUND', errMsg: 'no such route' });

/** The dashboard server as the page sees it: the job, and the memory routes of issue 21. */
function serve(server: Server) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/regions') return json(200, regions);
    if (url.startsWith('/api/history/')) {
      return server.history
        ? json(200, server.history)
        : json(404, { errCode: 'SFS.TURBO.HISTORY', errMsg: 'never seen' });
    }
    if (url === '/api/notify-targets') {
      return server.targets === 'no-memory' ? notFound() : json(200, { targets: server.targets });
    }
    if (url === '/api/watches' && method === 'POST') {
      const post = server.post ?? { status: 201, body: watch() };
      if (post.status === 201) server.watches = [post.body as Watch, ...server.watches];
      return json(post.status, post.body);
    }
    if (url === '/api/watches') return json(200, { watches: server.watches });
    if (url.startsWith('/api/watches/') && method === 'DELETE') {
      server.watches = server.watches.filter((w) => !url.endsWith(w.id));
      return json(204, null);
    }
    if (url.startsWith('/api/eu-de/v1/')) return json(server.job.status, server.job.body);
    return notFound();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function showJob(server: Server) {
  const fetchMock = serve(server);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <JobView target={memoryTarget} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetchMock;
}

const running = { status: 200, body: { ...recordedBody, status: 'running', end_time: undefined } };

beforeAll(async () => {
  await Promise.all([
    import('./job-memory'),
    import('../timeline/timeline'),
    import('../lookup-failure'),
    import('../ticket/ticket-actions'),
    import('../job-notes'),
  ]);
});

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('seen by this dashboard', () => {
  it('support engineer sees each change the server observed under the job card, with who was looking', async () => {
    showJob({ job: running, history: history(), targets: [], watches: [] });
    const list = await screen.findByRole('list', { name: /Seen by this dashboard/ });
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      expect.stringMatching(
        /^2026-12-04 20:40:02 UTCfirst seen Running · sub-jobs: 2 running· seen by alice$/,
      ),
      expect.stringMatching(/20:41:03 UTCsub-jobs: 1 success, 1 running· seen by a watch$/),
      expect.stringMatching(
        /20:46:56 UTCRunning → Failed · error SFS\.TURBO\.0032 · sub-job s2 failed · sub-jobs: 1 success, 1 failed$/,
      ),
    ]);
    // Within the PNG's region: the page's capture root holds the section.
    expect(list.closest('[data-ticket-region]')).not.toBeNull();
  });

  it('shows the last five of a long history, the rest on request', async () => {
    const base = history();
    const changes = Array.from({ length: 9 }, (_, index) => ({
      ...base.changes[1]!,
      at: `2026-12-04T20:4${index}:00Z`,
      facts: { status: 'running', subJobs: { success: index, running: 9 - index } },
    }));
    showJob({ job: running, history: { ...base, changes }, targets: [], watches: [] });
    const list = await screen.findByRole('list', { name: /Seen by this dashboard/ });
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);
    expect(list.textContent).toContain('4 earlier changes not shown');
    await userEvent.click(within(list).getByRole('button', { name: 'Show all 9' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(9);
  });

  it('draws nothing for a server without memory', async () => {
    const fetchMock = showJob({ job: running, history: null, targets: 'no-memory', watches: [] });
    await screen.findByRole('heading', { name: /Expand capacity|extend_share/ });
    // Once the page has asked the server's memory, the section stays empty (and so hidden).
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/notify-targets')).toBe(
        true,
      ),
    );
    await waitFor(() => expect(document.querySelector('[data-job-memory]')?.textContent).toBe(''));
    expect(document.querySelector('[data-job-memory]')?.className).toContain('empty:hidden');
  });
});

describe('a job the cloud no longer answers for', () => {
  const gone = { status: 404, body: { errCode: 'SFS.TURBO.0001', errMsg: 'job not found' } };

  it('shows the last recorded answer as a record, never as live data', async () => {
    showJob({
      job: gone,
      history: history({ goneSince: '2026-12-20T10:00:00Z' }),
      targets: [],
      watches: [],
    });
    expect(
      await screen.findByRole('heading', {
        name: 'The cloud no longer answers for this job. This dashboard last saw it Failed at 2026-12-04 20:46:56 UTC.',
      }),
    ).toBeTruthy();
    const record = document.querySelector<HTMLElement>('[data-job-record]');
    expect(record).not.toBeNull();
    expect(within(record!).getByText('Record from 2026-12-04 20:46:56 UTC, not live')).toBeTruthy();
    // The recorded job drawn as the job view: its status, and a duration that ended, not "so far".
    expect(within(record!).getByRole('heading', { level: 1 }).textContent).toMatch(
      /Expand capacity|extend_share/,
    );
    expect(record!.querySelector('[data-ticket-card]')?.textContent).toContain('Failed');
    expect(record!.textContent).not.toContain('so far');
    // The lookup's own failure is still there, below the record.
    expect(document.querySelector('[data-failure-kind="not-found"]')).not.toBeNull();
  });

  it('is the plain lookup failure when the server saw nothing', async () => {
    showJob({ job: gone, history: null, targets: [], watches: [] });
    await waitFor(() =>
      expect(document.querySelector('[data-failure-kind="not-found"]')).not.toBeNull(),
    );
    expect(document.querySelector('[data-job-record]')).toBeNull();
  });
});

describe('watch', () => {
  it('is not offered when the server has no destination', async () => {
    showJob({ job: running, history: history(), targets: [], watches: [] });
    await screen.findByRole('list', { name: /Seen by this dashboard/ });
    expect(screen.queryByRole('button', { name: /Watch/ })).toBeNull();
  });

  it('support engineer picks a destination by name, starts a watch, sees it and stops it', async () => {
    const fetchMock = showJob({
      job: running,
      history: history(),
      targets: [
        { name: 'inc-channel', kind: 'slack' },
        { name: 'ops', kind: 'teams' },
      ],
      watches: [],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Watch: post when it ends/ }));
    await userEvent.selectOptions(screen.getByLabelText('Post to'), 'ops');
    await userEvent.click(screen.getByLabelText('also when a sub-job fails'));
    await userEvent.click(screen.getByRole('button', { name: 'Start watching' }));
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      ...memoryTarget,
      target: 'ops',
      subJobFailures: true,
    });
    expect(new Headers(post?.[1]?.headers).get('Content-Type')).toBe('application/json');
    expect(await screen.findByText('Watching · posts to inc-channel when it ends')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Stop watching' }));
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([url, init]) => init?.method === 'DELETE' && String(url) === '/api/watches/w1',
        ),
      ).toBe(true),
    );
    expect(await screen.findByRole('button', { name: /Watch: post when it ends/ })).toBeTruthy();
  });

  it('says in words why a watch was refused', async () => {
    showJob({
      job: running,
      history: null,
      targets: [{ name: 'inc-channel', kind: 'slack' }],
      watches: [],
      post: {
        status: 429,
        body: { errCode: 'PROXY.RATE_LIMITED', errMsg: 'too many upstream calls' },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /Watch: post when it ends/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Start watching' }));
    const alert = await screen.findByText(/^Too many requests/);
    expect(alert.textContent).toBe(
      'Too many requests: try again (HTTP 429 PROXY.RATE_LIMITED: too many upstream calls).',
    );
    expect(alert.getAttribute('role')).toBe('alert');
  });

  it('a finished job offers no watch, but says what its watch posted', async () => {
    const sent = watch({
      state: 'ended',
      deliveries: [
        {
          event: 'ended',
          target: 'inc-channel',
          state: 'sent',
          attempts: 1,
          sentAt: '2026-12-04T20:47:03Z',
          lastError: null,
        },
      ],
    });
    showJob({
      job: { status: 200, body: recordedBody },
      history: history(),
      targets: [{ name: 'inc-channel', kind: 'slack' }],
      watches: [sent],
    });
    expect(await screen.findByText('Posted to inc-channel at 20:47:03 UTC')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Watch/ })).toBeNull();
  });
});

describe('the record of a job that had not ended', () => {
  it('says that its duration stops at the record, and nothing ticks', async () => {
    const running = history({
      latest: {
        at: '2026-12-04T20:46:56Z',
        requestId: 'r3',
        body: { ...recordedBody, status: 'running', end_time: undefined },
      },
    });
    serve({
      job: { status: 404, body: { errCode: 'SFS.TURBO.0001', errMsg: 'job not found' } },
      history: running,
      targets: [],
      watches: [],
    });
    render(
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <MemoryRouter>
          <JobView target={memoryTarget} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText(/its duration and bars stop at the record's time/)).toBeTruthy();
    const card = document.querySelector('[data-job-record] [data-ticket-card]');
    // 20:40:00 to the record's 20:46:56, frozen.
    expect(card?.textContent).toContain('6 min 56 s');
  });
});
