import { parseApiTime } from '../../common/api-time';

export type DurationInfo =
  | { kind: 'finished'; ms: number }
  | { kind: 'elapsed'; ms: number }
  | { kind: 'negative'; ms: number }
  | { kind: 'unknown' };

/**
 * Duration of a job or sub-job: end − begin when both are known, time so far while it has
 * begun but not ended and is still live, and a flagged negative value when end < begin.
 */
export function durationOf(
  item: { begin_time?: string | undefined; end_time?: string | undefined },
  live: boolean,
  now: number,
): DurationInfo {
  const begin = parseApiTime(item.begin_time);
  const end = parseApiTime(item.end_time);
  if (begin.kind !== 'ok') return { kind: 'unknown' };
  if (end.kind === 'ok') {
    const ms = end.ms - begin.ms;
    return ms < 0 ? { kind: 'negative', ms } : { kind: 'finished', ms };
  }
  if (end.kind === 'missing' && live) return { kind: 'elapsed', ms: Math.max(0, now - begin.ms) };
  return { kind: 'unknown' };
}
