import { describe, expect, it, vi } from 'vitest';
import { errorFromResponse } from '../../lib/api-error';
import { lookupFailureSummary } from './lookup-failure-summary';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'job-404' };

describe('lookupFailureSummary (a copyable error summary for the ticket)', () => {
  it('names the IDs asked for, the time of the attempt in UTC, the answer and both request IDs', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 8, 41, 7) });
    try {
      const body = JSON.stringify({
        error_code: 'APIG.0307',
        error_msg: 'The token must be updated.',
        request_id: 'gw-1',
      });
      const error = errorFromResponse(401, body, 'hdr-1', target);
      expect(
        lookupFailureSummary(error, 'https://jobs.example/eu-de/projects/p/jobs/job-404'),
      ).toBe(
        [
          'SFS Turbo job lookup failed: Not authorised: the token must be renewed',
          'Asked for: region eu-de, project e9993fc787d94b6c886cbaa340f9c0f4, job job-404',
          'Attempt at: 2026-11-30 08:41:07 UTC',
          'HTTP status: 401',
          'Code: APIG.0307',
          'Message: The token must be updated.',
          'Request ID (X-request-id header): hdr-1',
          'Request ID (error body): gw-1',
          'Link: https://jobs.example/eu-de/projects/p/jobs/job-404',
        ].join('\n'),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('quotes the beginning of an answer that was not an error object', () => {
    const error = errorFromResponse(502, '<html>Bad Gateway</html>', undefined, target);
    const text = lookupFailureSummary(error, 'x');
    expect(text).toContain('HTTP status: 502');
    expect(text).toContain('Answer began: <html>Bad Gateway</html>');
    expect(text).toContain('Request ID: —');
  });
});
