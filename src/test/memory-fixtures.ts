import type { HistoryResponse, Watch } from '../../common/contract';

// One job the dashboard's server watched fail, as its memory routes answer for it.

export const memoryTarget = {
  region: 'eu-de',
  projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20',
  jobId: 'job-1',
};

export const recordedBody = {
  status: 'failed',
  job_type: 'extend_share',
  begin_time: '2026-12-04 20:40:00',
  end_time: '2026-12-04 20:46:50',
  error_code: 'SFS.TURBO.0032',
  fail_reason: 'sub-jobs failed',
  sub_jobs: [
    {
      job_id: 's1',
      status: 'success',
      begin_time: '2026-12-04 20:40:01',
      end_time: '2026-12-04 20:41:00',
    },
    {
      job_id: 's2',
      status: 'failed',
      begin_time: '2026-12-04 20:40:01',
      end_time: '2026-12-04 20:46:40',
      error_code: 'SFS.TURBO.0032',
      fail_reason: 'disk',
    },
  ],
};

export function history(overrides: Partial<HistoryResponse> = {}): HistoryResponse {
  return {
    ...memoryTarget,
    changes: [
      {
        at: '2026-12-04T20:40:02Z',
        requestId: 'r1',
        viewer: 'alice',
        facts: { status: 'running', subJobs: { running: 2 } },
        changed: [],
      },
      {
        at: '2026-12-04T20:41:03Z',
        requestId: 'r2',
        viewer: 'watch',
        facts: { status: 'running', subJobs: { success: 1, running: 1 } },
        changed: ['subJobs'],
      },
      {
        at: '2026-12-04T20:46:56Z',
        requestId: 'r3',
        viewer: null,
        facts: {
          status: 'failed',
          errorCode: 'SFS.TURBO.0032',
          subJobs: { success: 1, failed: 1 },
          failedSubJobs: ['s2'],
        },
        changed: ['status', 'errorCode', 'subJobs', 'failedSubJobs'],
      },
    ],
    truncated: false,
    first: { at: '2026-12-04T20:40:02Z', requestId: 'r1', body: { status: 'running' } },
    latest: { at: '2026-12-04T20:46:56Z', requestId: 'r3', body: recordedBody },
    goneSince: null,
    ...overrides,
  };
}

export function watch(overrides: Partial<Watch> = {}): Watch {
  return {
    id: 'w1',
    ...memoryTarget,
    target: 'inc-channel',
    subJobFailures: false,
    createdBy: 'alice',
    createdAt: '2026-12-04T20:40:30Z',
    state: 'active',
    endedAt: null,
    lastStatus: 'running',
    deliveries: [],
    ...overrides,
  };
}
