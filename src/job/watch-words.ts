import type { ApiError } from '../lib/api-error';
import type { Watch } from '../lib/memory-api';
import { formatClock, type ZoneChoice } from './time';

// A watch's state in words, the same on the job page and the board.

export interface WatchLine {
  text: string;
  tone: 'watching' | 'sent' | 'failed' | 'muted';
}

/** `sub-job-failed:<id>` names the sub-job; `ended` is the job's end, said without a suffix. */
function eventSuffix(event: string): string {
  const prefix = 'sub-job-failed:';
  return event.startsWith(prefix) ? ` (sub-job ${event.slice(prefix.length)} failed)` : '';
}

/** What a watch is doing and what it has posted: one line for its state, one per delivery. */
export function watchLines(watch: Watch, zone: ZoneChoice): WatchLine[] {
  const lines: WatchLine[] = [];
  if (watch.state === 'active') {
    lines.push({
      tone: 'watching',
      text: `Watching · posts to ${watch.target} when it ends${watch.subJobFailures ? ' and when a sub-job fails' : ''}`,
    });
  } else if (watch.state === 'gone') {
    lines.push({
      tone: 'muted',
      text: 'Watch ended: the cloud no longer answers for this job',
    });
  } else if (watch.state === 'expired') {
    lines.push({
      tone: 'muted',
      text: 'Watch ended after 7 days without the job ending: watch it again to go on',
    });
  } else if (watch.deliveries.length === 0) {
    lines.push({
      tone: 'muted',
      text: `Watch ended${watch.endedAt ? ` at ${formatClock(Date.parse(watch.endedAt), zone)}` : ''}`,
    });
  }
  for (const delivery of watch.deliveries) {
    const suffix = eventSuffix(delivery.event);
    if (delivery.state === 'sent') {
      lines.push({
        tone: 'sent',
        text: `Posted to ${delivery.target}${delivery.sentAt ? ` at ${formatClock(Date.parse(delivery.sentAt), zone)}` : ''}${suffix}`,
      });
    } else if (delivery.state === 'failed') {
      lines.push({
        tone: 'failed',
        text: `Could not post to ${delivery.target}: ${delivery.lastError ?? 'no reason given'}${suffix}`,
      });
    } else {
      lines.push({
        tone: 'muted',
        text: `Posting to ${delivery.target}…${delivery.attempts > 0 ? ` (${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'} failed so far)` : ''}${suffix}`,
      });
    }
  }
  return lines;
}

/** Why starting or stopping a watch failed, in words, with what the server said. */
export function watchErrorText(error: ApiError): string {
  const said = `${error.status === 0 ? 'no answer' : `HTTP ${error.status}`}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  if (error.status === 0) return `The dashboard server did not answer (${said}).`;
  if (error.status === 400) {
    return `The server refused the watch: the destination may not be configured any more (${said}).`;
  }
  if (error.status === 401) return `Sign in again to watch jobs (${said}).`;
  if (error.status === 403) return `You may not watch this job (${said}).`;
  if (error.status === 404) return `This server does not keep watches (${said}).`;
  if (error.status === 429) {
    const wait =
      error.retryAfterMs === undefined ? '' : ` in ${Math.ceil(error.retryAfterMs / 1000)} s`;
    return `Too many requests: try again${wait} (${said}).`;
  }
  return `The watch could not be changed (${said}).`;
}
