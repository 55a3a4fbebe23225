import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-error';
import { watch } from '../test/memory-fixtures';
import { watchErrorText, watchLines } from './watch-words';

const texts = (w: ReturnType<typeof watch>) => watchLines(w, 'utc').map((line) => line.text);

describe('a watch in words', () => {
  it('says where it posts while it runs', () => {
    expect(texts(watch())).toEqual(['Watching · posts to inc-channel when it ends']);
    expect(texts(watch({ subJobFailures: true }))).toEqual([
      'Watching · posts to inc-channel when it ends and when a sub-job fails',
    ]);
  });

  it('says what it posted, and what it could not', () => {
    const delivery = {
      event: 'ended',
      target: 'inc-channel',
      attempts: 1,
      sentAt: '2026-12-04T20:47:03Z',
      lastError: null,
    };
    expect(texts(watch({ state: 'ended', deliveries: [{ ...delivery, state: 'sent' }] }))).toEqual([
      'Posted to inc-channel at 20:47:03 UTC',
    ]);
    expect(
      texts(
        watch({
          state: 'ended',
          deliveries: [
            { ...delivery, state: 'failed', sentAt: null, lastError: 'HTTP 404 from Slack' },
            {
              ...delivery,
              event: 'sub-job-failed:s2',
              state: 'pending',
              sentAt: null,
              attempts: 2,
            },
          ],
        }),
      ),
    ).toEqual([
      'Could not post to inc-channel: HTTP 404 from Slack',
      'Posting to inc-channel… (2 attempts failed so far) (sub-job s2 failed)',
    ]);
    expect(texts(watch({ state: 'gone' }))).toEqual([
      'Watch ended: the cloud no longer answers for this job',
    ]);
    expect(texts(watch({ state: 'expired' }))).toEqual([
      'Watch ended after 7 days without the job ending: watch it again to go on',
    ]);
  });

  it('words the refusals a watch can meet', () => {
    const error = (status: number, code: string, retryAfterMs?: number) =>
      new ApiError({
        kind: 'unexpected',
        status,
        code,
        message: 'said',
        requestId: undefined,
        retryAfterMs,
      });
    expect(watchErrorText(error(400, 'PROXY.BAD_REQUEST'))).toBe(
      'The server refused the watch: the destination may not be configured any more (HTTP 400 PROXY.BAD_REQUEST: said).',
    );
    expect(watchErrorText(error(429, 'PROXY.RATE_LIMITED', 30_000))).toBe(
      'Too many requests: try again in 30 s (HTTP 429 PROXY.RATE_LIMITED: said).',
    );
    expect(watchErrorText(error(403, 'PROXY.CROSS_SITE'))).toBe(
      'You may not watch this job (HTTP 403 PROXY.CROSS_SITE: said).',
    );
  });
});
