import { describe, expect, it } from 'vitest';
import type { HistoryChange } from '../lib/memory-api';
import { history } from '../test/memory-fixtures';
import { changeWords, goneText, historyLines, lastSeenText, recordedJob } from './history-words';

const change = (
  facts: HistoryChange['facts'],
  changed: HistoryChange['changed'],
): HistoryChange => ({
  at: '2026-12-04T20:46:56Z',
  requestId: null,
  viewer: null,
  facts,
  changed,
});

describe('what a change says', () => {
  it('words a status change with the page labels, and a raw word when the label is the same', () => {
    expect(changeWords(change({ status: 'failed' }, ['status']), { status: 'running' })).toEqual([
      'Running → Failed',
    ]);
    expect(changeWords(change({ status: 'failed' }, ['status']), { status: 'FAIL' })).toEqual([
      'status "FAIL" → "failed"',
    ]);
    expect(changeWords(change({ status: 'paused' }, ['status']), { status: 'running' })).toEqual([
      'Running → "paused"',
    ]);
  });

  it('words codes, reasons and sub-jobs', () => {
    expect(
      changeWords(
        change(
          {
            status: 'failed',
            errorCode: 'SFS.TURBO.0032',
            failReason: 'x'.repeat(100),
            subJobs: { success: 4, failed: 3 },
            failedSubJobs: ['a', 'b', 'c'],
          },
          ['errorCode', 'failReason', 'failedSubJobs', 'subJobs'],
        ),
        { status: 'failed', subJobs: { success: 4, running: 3 } },
      ),
    ).toEqual([
      'error SFS.TURBO.0032',
      `reason "${'x'.repeat(79)}…"`,
      '3 sub-jobs failed',
      'sub-jobs: 4 success, 3 failed',
    ]);
    expect(
      changeWords(change({ failedSubJobs: ['a', 'b'] }, ['failedSubJobs']), {
        failedSubJobs: ['a'],
      }),
    ).toEqual(['sub-job b failed']);
    expect(changeWords(change({}, ['errorCode', 'failReason']), { errorCode: 'E' })).toEqual([
      'error code cleared',
      'reason cleared',
    ]);
  });

  it('says what the job was when first seen', () => {
    expect(
      changeWords(change({ status: 'running', subJobs: { running: 5 } }, []), undefined),
    ).toEqual(['first seen Running', 'sub-jobs: 5 running']);
  });

  it('lists a history oldest first, with who was looking', () => {
    expect(historyLines(history())).toEqual([
      {
        at: Date.parse('2026-12-04T20:40:02Z'),
        text: 'first seen Running · sub-jobs: 2 running',
        viewer: 'alice',
      },
      {
        at: Date.parse('2026-12-04T20:41:03Z'),
        text: 'sub-jobs: 1 success, 1 running',
        viewer: 'a watch',
      },
      {
        at: Date.parse('2026-12-04T20:46:56Z'),
        text: 'Running → Failed · error SFS.TURBO.0032 · sub-job s2 failed · sub-jobs: 1 success, 1 failed',
        viewer: undefined,
      },
    ]);
  });
});

describe('a job the cloud forgot', () => {
  it('says in words what the dashboard last saw, and when', () => {
    expect(goneText(history(), 'utc')).toBe(
      'The cloud no longer answers for this job. This dashboard last saw it Failed at 2026-12-04 20:46:56 UTC.',
    );
    expect(lastSeenText(history(), 'utc')).toBe('Failed at 2026-12-04 20:46:56 UTC');
  });

  it('reads the last recorded answer with the job schema, and nothing from a body that is no job', () => {
    expect(recordedJob(history())?.job.status).toBe('failed');
    const odd = history({ latest: { at: '2026-12-04T20:46:56Z', requestId: null, body: [1] } });
    expect(recordedJob(odd)).toBeNull();
  });
});
