import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import { Suspense, use } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobQueries } from '../../job/job-queries';
import { FIRST_ANSWER_WAIT_MS, firstAnswer, JobPage } from './job-page';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const job = {
  job_id: target.jobId,
  job_type: 'resize_cache',
  status: 'running',
  begin_time: '2026-12-05T08:00:00Z',
  sub_jobs: [],
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function answerWith(respond: () => Promise<Response>) {
  const fetch = vi.fn(async (input: RequestInfo | URL) =>
    String(input) === '/api/regions' ? new Response('{}', { status: 503 }) : respond(),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const jobAsks = (fetch: ReturnType<typeof answerWith>) =>
  fetch.mock.calls.filter(([input]) => String(input) !== '/api/regions').length;

/** Suspends until `gate` settles: its siblings' first render is thrown away and done again. */
function Waits({ gate }: { gate: Promise<void> }) {
  use(gate);
  return null;
}

/**
 * The job page at the target's address, as the router draws it; with `gate`, beside a sibling
 * that suspends until it settles, so that React starts the page's first render over.
 */
function renderJobPage(queryClient: QueryClient, gate?: Promise<void>) {
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter
        initialEntries={[`/${target.region}/projects/${target.projectId}/jobs/${target.jobId}`]}
      >
        <Suspense fallback={null}>
          <Routes>
            <Route path=":region/projects/:projectId/jobs/:jobId" element={<JobPage />} />
          </Routes>
          {gate ? <Waits gate={gate} /> : null}
        </Suspense>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** The first answer a refused IAM login gives; asked again, the server's minute of waiting. */
function refusedThenLimited() {
  let asked = 0;
  return answerWith(async () => {
    asked += 1;
    return asked === 1
      ? Response.json({ errCode: 'PROXY.AUTH_FAILED', errMsg: 'IAM refused' }, { status: 401 })
      : Response.json({ errCode: 'PROXY.RATE_LIMITED', errMsg: 'wait' }, { status: 429 });
  });
}

describe('firstAnswer (before the job page is first drawn)', () => {
  it('has the answer in the cache before the first render, and the page asks no second time', async () => {
    const fetch = answerWith(async () => Response.json(job));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await firstAnswer(target, queryClient);
    expect(queryClient.getQueryData(jobQueries.detail(target).queryKey)?.job.status).toBe(
      'running',
    );
    const view = renderJobPage(queryClient);
    // The first frame is the job, not "Asking SFS Turbo…".
    expect(view.container.querySelector('#job-title')).not.toBeNull();
    expect(view.container.textContent).not.toContain('Asking SFS Turbo');
    expect(jobAsks(fetch)).toBe(1);
    view.unmount();
    queryClient.clear();
  });

  it('shows a failed first answer as it came, without asking again on mount', async () => {
    // Asked again, the server would answer otherwise (after a refused IAM login it waits a
    // minute: 429), and the first answer's reason would never be seen.
    const fetch = refusedThenLimited();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await firstAnswer(target, queryClient);
    const view = renderJobPage(queryClient);
    await waitFor(() => expect(view.container.querySelector('[data-failure-kind]')).not.toBeNull());
    expect(view.container.textContent).toContain('PROXY.AUTH_FAILED');
    expect(view.container.textContent).not.toContain('PROXY.RATE_LIMITED');
    expect(jobAsks(fetch)).toBe(1);
    view.unmount();
    queryClient.clear();
  });

  it('keeps a failed first answer when the first render is thrown away and started over', async () => {
    // A first render may be done more than once before it is committed: a transition restarted
    // by an update, or a sibling that suspends. Each time it must know the answer came first.
    const fetch = refusedThenLimited();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await firstAnswer(target, queryClient);
    const gate = new Promise<void>((resolve) => setTimeout(resolve, 20));
    // Awaited: the sibling suspends inside `act`, and React draws the page once it settles.
    const view = await act(async () => renderJobPage(queryClient, gate));
    await waitFor(() => expect(view.container.querySelector('[data-failure-kind]')).not.toBeNull());
    expect(view.container.textContent).toContain('PROXY.AUTH_FAILED');
    expect(jobAsks(fetch)).toBe(1);
    view.unmount();
    queryClient.clear();
  });

  it('asks again when the job is opened a second time', async () => {
    const fetch = refusedThenLimited();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await firstAnswer(target, queryClient);
    renderJobPage(queryClient).unmount();
    const view = renderJobPage(queryClient);
    await waitFor(() => expect(view.container.textContent).toContain('PROXY.RATE_LIMITED'));
    expect(jobAsks(fetch)).toBe(2);
    view.unmount();
    queryClient.clear();
  });

  it('does not hold the first render for a slow answer', async () => {
    vi.useFakeTimers();
    answerWith(() => new Promise<Response>(() => undefined));
    const queryClient = new QueryClient();
    let waited = false;
    void firstAnswer(target, queryClient)?.then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(FIRST_ANSWER_WAIT_MS - 1);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waited).toBe(true);
    queryClient.clear();
  });

  it('asks nothing for an address the page will refuse', () => {
    const fetch = answerWith(async () => Response.json(job));
    const queryClient = new QueryClient();
    expect(firstAnswer({ ...target, jobId: 'not a job <id>' }, queryClient)).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});
