import { describe, expect, it } from 'vitest';
import type { JobResponse } from '../../lib/api-client';
import { ApiError, type LookupFailureKind } from '../../lib/api-error';
import { boardCounts, countsText, rowSnapshot, subJobCounts } from './board-counts';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'j' };
const answer = (status: string): JobResponse => ({
  job: { status },
  warnings: [],
  requestId: 'r',
  receivedAt: 0,
  raw: '{}',
});
const failure = (kind: LookupFailureKind, status: number) =>
  new ApiError({ kind, status, code: undefined, message: 'x', requestId: 'r', target });

describe('board counts', () => {
  it('counts rows per state, worst first, and is not finished while one can change', () => {
    const rows = [
      rowSnapshot(answer('success'), null),
      rowSnapshot(answer('running'), null),
      rowSnapshot(answer('FAIL'), null),
      rowSnapshot(undefined, failure('not-found', 404)),
      rowSnapshot(undefined, null),
    ];
    const counts = boardCounts(rows);
    expect(counts).toMatchObject({ total: 5, allFinished: false, worst: 'failed' });
    expect(countsText(counts)).toBe(
      '1 failed · 1 lookup failed · 1 running · 1 loading · 1 succeeded',
    );
  });

  it('is all finished when every job ended or cannot be looked up, but not while a lookup is retried', () => {
    const ended = [
      rowSnapshot(answer('success'), null),
      rowSnapshot(undefined, failure('forbidden', 403)),
    ];
    expect(boardCounts(ended)).toMatchObject({ allFinished: true, worst: 'lookup-failed' });
    const throttled = [...ended, rowSnapshot(undefined, failure('throttled', 429))];
    expect(boardCounts(throttled).allFinished).toBe(false);
    expect(boardCounts([rowSnapshot(answer('running'), failure('upstream', 502))])).toMatchObject({
      allFinished: false,
      worst: 'running',
    });
  });

  it('says nothing is finished on an empty board', () => {
    expect(boardCounts([])).toMatchObject({ total: 0, allFinished: false, worst: undefined });
  });
});

describe('sub-job counts', () => {
  it('counts sub-jobs per status, worst first, odd statuses as unknown', () => {
    expect(
      subJobCounts([
        { status: 'success' },
        { status: 'failed' },
        { status: 'SUCCESS' },
        { status: 'suspended' },
        {},
      ]),
    ).toEqual([
      { state: 'failed', count: 1 },
      { state: 'unknown', count: 2 },
      { state: 'success', count: 2 },
    ]);
    expect(subJobCounts(undefined)).toEqual([]);
  });
});
