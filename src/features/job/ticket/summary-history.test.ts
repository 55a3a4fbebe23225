import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyFor } from '../../../job/memory-queries';
import { summaryHtml } from '../../../job/summary-html';
import { history, memoryTarget, recordedBody } from '../../../test/memory-fixtures';
import { SUMMARY_HISTORY_LIMIT, ticketSummary } from './summary';

const input = {
  job: recordedBody,
  target: memoryTarget,
  regionName: undefined,
  requestId: 'req-1',
  dataAt: Date.UTC(2026, 11, 4, 20, 47, 0),
  permalink: 'https://jobs.example/eu-de/projects/p/jobs/job-1',
  simulated: false,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("Copy summary and the dashboard's history", () => {
  it('adds "Seen by this dashboard" to the Markdown, times in UTC, with who was looking', () => {
    const text = ticketSummary({ ...input, history: history() });
    expect(text).toContain(
      [
        '#### Seen by this dashboard (3)',
        '',
        '| Seen at | Change | Seen by |',
        '|---|---|---|',
        '| 2026-12-04 20:40:02 UTC | first seen Running · sub-jobs: 2 running | alice |',
        '| 2026-12-04 20:41:03 UTC | sub-jobs: 1 success, 1 running | a watch |',
        '| 2026-12-04 20:46:56 UTC | Running → Failed · error SFS.TURBO.0032 · sub-job s2 failed · sub-jobs: 1 success, 1 failed | — |',
      ].join('\n'),
    );
    expect(ticketSummary({ ...input, history: null })).not.toContain('Seen by this dashboard');
  });

  it('keeps the latest changes of a long history and says so', () => {
    const base = history();
    const changes = Array.from({ length: SUMMARY_HISTORY_LIMIT + 5 }, (_, index) => ({
      ...base.changes[1]!,
      viewer: null,
      facts: { subJobs: { success: index } },
    }));
    const text = ticketSummary({ ...input, history: { ...base, changes, truncated: true } });
    expect(text).toContain(
      `Listed: the last ${SUMMARY_HISTORY_LIMIT} of ${SUMMARY_HISTORY_LIMIT + 5}. Older changes were dropped by the dashboard's limit per job.`,
    );
    expect(text).toContain('| Seen at | Change |\n');
    expect(text).not.toContain('sub-jobs: 4 success |');
    expect(text).toContain(`sub-jobs: ${SUMMARY_HISTORY_LIMIT + 4} success |`);
  });

  it('carries the history into the rich copy as a table', () => {
    const html = summaryHtml(ticketSummary({ ...input, history: history() }));
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const heading = [...doc.querySelectorAll('h4')].find((h) =>
      h.textContent?.startsWith('Seen by this dashboard'),
    );
    expect(heading?.textContent).toBe('Seen by this dashboard (3)');
    const cells = [...doc.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toContain(
      'Running → Failed · error SFS.TURBO.0032 · sub-job s2 failed · sub-jobs: 1 success, 1 failed',
    );
  });

  it('asks for the history at click time, and goes without it when the server has none', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(history())),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await expect(historyFor(client, memoryTarget)).resolves.toEqual(history());
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ errCode: 'PROXY.INTERNAL', errMsg: 'x' }, { status: 500 })),
    );
    await expect(
      historyFor(new QueryClient({ defaultOptions: { queries: { retry: false } } }), memoryTarget),
    ).resolves.toBeNull();
  });
});
