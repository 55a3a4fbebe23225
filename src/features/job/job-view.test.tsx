import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { Component, type ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegionsResponse } from '../../../common/contract';
import {
  anyBodyText,
  anyHeaders,
  anyJsonBody,
  anyStatus,
  NULL_BODY_STATUSES,
} from '../../test/arbitraries';
import { JobView } from './job-view';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };

const regions: RegionsResponse = {
  regions: [{ id: 'eu-de', name: 'Open Telekom Cloud · Germany (eu-de)', cloud: 'otc' }],
  defaultRegion: 'eu-de',
  simulated: true,
  credentials: { kind: 'none', description: 'simulator' },
  endpointOverride: false,
  demoJobs: [],
} as RegionsResponse;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function serve(answer: Answer) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url === '/api/regions') return Response.json(regions);
      const body = NULL_BODY_STATUSES.has(answer.status) ? null : answer.body;
      return new Response(body, { status: answer.status, headers: answer.headers });
    }),
  );
}

/** Whatever the page throws while rendering lands here, and fails the run. */
class Catch extends Component<
  { onError: (error: unknown) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Renders the job page for one answer and waits until it shows a job or a lookup failure. */
async function showJob(answer: Answer) {
  serve(answer);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const thrown: unknown[] = [];
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[`/eu-de/projects/${target.projectId}/jobs/${target.jobId}`]}>
        <Catch onError={(error) => thrown.push(error)}>
          <JobView target={target} />
        </Catch>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  try {
    await waitFor(
      () => {
        expect(thrown).toEqual([]);
        const shown = view.container.querySelector('[data-failure-kind], #job-title');
        expect(shown).not.toBeNull();
        // With a job, wait for its timeline too: the whole page has rendered.
        if (shown?.id === 'job-title') screen.getByTestId('timeline-counts');
      },
      { timeout: 5_000 },
    );
    return {
      failureKind:
        view.container.querySelector('[data-failure-kind]')?.getAttribute('data-failure-kind') ??
        undefined,
      title: view.container.querySelector('#job-title')?.textContent ?? undefined,
    };
  } finally {
    view.unmount();
    view.container.remove();
    queryClient.clear();
  }
}

beforeAll(async () => {
  // The parts of the page that load on demand (decision 0006): fetched once here, so that each
  // run below waits for the page and not for the test runner's first load of their modules.
  await Promise.all([
    import('./timeline/timeline'),
    import('./ticket/ticket-actions'),
    import('./job-notes'),
    import('./tab-status-effect'),
    import('./job-toolbar'),
    import('./lookup-failure'),
    import('../../job/error-codes'),
  ]);
});

beforeEach(() => {
  // The page asks for the browser zone and recent jobs; start each run from nothing.
  localStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the job page, whatever the server answers', () => {
  it('shows a job for any object body of a 200 answer, and "unexpected response" for any other JSON', async () => {
    await fc.assert(
      fc.asyncProperty(anyJsonBody, anyHeaders, async (value, headers) => {
        const shown = await showJob({ status: 200, headers, body: JSON.stringify(value) });
        // The contract, not the parser, decides: any JSON object is a job (its odd fields flagged).
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          expect(shown.failureKind).toBeUndefined();
          expect(shown.title).toBeDefined();
        } else {
          expect(shown.failureKind).toBe('unexpected');
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('shows a job or names the lookup failure for any status, header set and body, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(anyStatus, anyHeaders, anyBodyText, async (status, headers, body) => {
        const shown = await showJob({ status, headers, body });
        expect(shown.failureKind !== undefined || shown.title !== undefined).toBe(true);
        if (status >= 300) expect(shown.failureKind).toBeDefined();
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('the job page, polish', () => {
  function open(answer: Answer) {
    serve(answer);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[`/eu-de/projects/${target.projectId}/jobs/${target.jobId}`]}>
          <JobView target={target} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
  }

  it('offers no end notification on a page that found no job', async () => {
    vi.stubGlobal(
      'Notification',
      Object.assign(vi.fn(), { permission: 'default', requestPermission: vi.fn() }),
    );
    const view = open({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"errCode":"SFS.TURBO.0002","errMsg":"job not found"}',
    });
    await waitFor(() => expect(view.container.querySelector('[data-failure-kind]')).not.toBeNull());
    expect(screen.queryByRole('button', { name: 'Notify me when it ends' })).toBeNull();
  });

  it('names the region once: its code, then the cloud and country without the code again', async () => {
    const view = open({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job_id: 'job-1', status: 'running', job_type: 'create_share' }),
    });
    await waitFor(() => expect(view.container.querySelector('#job-title')).not.toBeNull());
    await waitFor(() =>
      expect(view.container.textContent).toContain('eu-de · Open Telekom Cloud · Germany'),
    );
    expect(view.container.textContent).not.toContain('(eu-de)');
  });
});
