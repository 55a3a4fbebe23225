import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jobQueries } from '../../job/job-queries';
import type { Job } from '../../job/job-schema';
import type { JobResponse } from '../../lib/api-client';
import { memoryTarget } from '../../test/memory-fixtures';
import { useBoardSnapshots } from './use-board-snapshots';

const other = { ...memoryTarget, jobId: 'job-2' };
const job = (status: string) =>
  ({ status, job_type: 'extend_share', begin_time: '2026-12-04 20:40:00' }) as Job;
const answer = (status: string, receivedAt: number): JobResponse => ({
  job: job(status),
  warnings: [],
  requestId: `req-${receivedAt}`,
  receivedAt,
  raw: JSON.stringify({ status }),
});

describe('what the header and the axis read of the rows', () => {
  it('a poll bringing the same job again re-renders neither; a changed job does', async () => {
    const client = new QueryClient();
    client.setQueryData(jobQueries.detail(memoryTarget).queryKey, answer('running', 1));
    client.setQueryData(jobQueries.detail(other).queryKey, answer('running', 1));
    const seen: string[][] = [];
    function Reader() {
      const snapshots = useBoardSnapshots([memoryTarget, other]);
      seen.push(snapshots.map(({ data }) => data?.job.status ?? 'none'));
      return null;
    }
    render(
      <QueryClientProvider client={client}>
        <Reader />
      </QueryClientProvider>,
    );
    // The cache tells its readers on a timer of its own: let it speak before looking.
    const settle = () => act(() => new Promise((done) => setTimeout(done, 20)));
    await settle();
    const renders = seen.length;
    client.setQueryData(jobQueries.detail(memoryTarget).queryKey, answer('running', 2));
    await settle();
    client.setQueryData(jobQueries.detail(other).queryKey, answer('running', 3));
    await settle();
    client.setQueryData(jobQueries.detail(other).queryKey, answer('success', 4));
    await waitFor(() => expect(seen.at(-1)).toEqual(['running', 'success']));
    expect(seen.length).toBe(renders + 1);
  });
});
