import { describe, expect, it } from 'vitest';
import { failedInOrder, saysWhy } from './failure-order';

describe('failedInOrder', () => {
  it('orders the failed sub-jobs by end time, else begin time, then begin time, then as listed', () => {
    const subJobs = [
      { id: 'ok', status: 'success', end_time: '2026-11-29 08:00:00' },
      { id: 'late', status: 'failed', end_time: '2026-11-29 09:30:00' },
      { id: 'begun', status: 'FAIL', begin_time: '2026-11-29 09:00:00' },
      {
        id: 'tie-later-begin',
        status: 'failed',
        begin_time: '2026-11-29 08:50:00',
        end_time: '2026-11-29 09:10:00',
      },
      {
        id: 'tie-earlier-begin',
        status: 'failed',
        begin_time: '2026-11-29 08:40:00',
        end_time: '2026-11-29 09:10:00',
      },
      { id: 'no-time-1', status: 'failed' },
      { id: 'unreadable', status: 'failed', end_time: '2026-02-30 10:00:00' },
      { id: 'wrong-type', status: 'failed', end_time: 1_700_000_000 },
    ];
    expect(failedInOrder(subJobs).map(({ sub, index }) => `${sub.id}@${index}`)).toEqual([
      'begun@2',
      'tie-earlier-begin@4',
      'tie-later-begin@3',
      'late@1',
      'no-time-1@5',
      'unreadable@6',
      'wrong-type@7',
    ]);
  });

  it('leaves out every sub-job that did not fail', () => {
    const statuses = ['success', 'running', 'waiting', 'suspended', undefined, 7];
    expect(failedInOrder(statuses.map((status) => ({ status })))).toEqual([]);
  });
});

describe('saysWhy', () => {
  it('counts a code or a reason that is text and not blank', () => {
    expect(saysWhy({ error_code: 'SFS.TURBO.0032' })).toBe(true);
    expect(saysWhy({ fail_reason: 'disk full' })).toBe(true);
    expect(saysWhy({ error_code: '  ', fail_reason: '' })).toBe(false);
    expect(saysWhy({ error_code: 32, fail_reason: null })).toBe(false);
    expect(saysWhy({})).toBe(false);
  });
});
