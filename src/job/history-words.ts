import type { JobFacts } from '../../common/contract';
import { statusKind } from '../../common/job-status';
import type { HistoryChange, HistoryResponse } from '../lib/memory-api';
import { parseJobBody, type ParsedJob } from './job-schema';
import { STATUS_LABEL } from './status';
import { formatDateTime, type ZoneChoice } from './time';

// The server's history of a job in words, one wording for the job page, its summary, its PNG
// and the board: "Running → Failed", "error SFS.TURBO.0032", "3 sub-jobs failed".

/** A status as the page names it: the label of a known word, an unknown word as it came. */
export function statusWord(raw: string | undefined): string {
  if (raw === undefined) return 'no status';
  const kind = statusKind(raw);
  return kind === 'unknown' ? `"${raw}"` : STATUS_LABEL[kind];
}

const REASON_CHARS = 80;

function reasonText(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_CHARS ? `${flat.slice(0, REASON_CHARS - 1)}…` : flat;
}

/** "sub-jobs: 4 success, 1 failed", in the server's order of the raw words. */
export function subJobsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([word, count]) => `${count} ${word || '(no status)'}`);
  return `sub-jobs: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
}

/** The sub-jobs that failed since `before`: "sub-job X failed" or "3 sub-jobs failed". */
function newlyFailedText(now: JobFacts, before: JobFacts | undefined): string | undefined {
  const earlier = new Set(before?.failedSubJobs ?? []);
  const fresh = (now.failedSubJobs ?? []).filter((id) => !earlier.has(id));
  if (fresh.length === 0) return undefined;
  return fresh.length === 1 ? `sub-job ${fresh[0]} failed` : `${fresh.length} sub-jobs failed`;
}

/**
 * What one change says, in words. The first answer seen (no `changed`, or nothing before it)
 * says what the job was then; a later one says what differs from the change before.
 */
export function changeWords(change: HistoryChange, before: JobFacts | undefined): string[] {
  const now = change.facts;
  if (before === undefined || change.changed.length === 0) {
    const words = [`first seen ${statusWord(now.status)}`];
    if (now.errorCode) words.push(`error ${now.errorCode}`);
    if (now.subJobs) words.push(subJobsText(now.subJobs));
    return words;
  }
  const changed = new Set(change.changed);
  const words: string[] = [];
  if (changed.has('status')) {
    const from = statusWord(before.status);
    const to = statusWord(now.status);
    // Same status, other spelling ("FAIL" → "failed"): the words themselves are the change.
    words.push(
      from === to ? `status "${before.status ?? ''}" → "${now.status ?? ''}"` : `${from} → ${to}`,
    );
  }
  if (changed.has('errorCode')) {
    words.push(now.errorCode ? `error ${now.errorCode}` : 'error code cleared');
  }
  if (changed.has('failReason')) {
    words.push(now.failReason ? `reason "${reasonText(now.failReason)}"` : 'reason cleared');
  }
  if (changed.has('failedSubJobs')) {
    const failed = newlyFailedText(now, before);
    if (failed) words.push(failed);
  }
  if (changed.has('subJobs')) words.push(now.subJobs ? subJobsText(now.subJobs) : 'no sub-jobs');
  return words;
}

export interface HistoryLine {
  at: number;
  /** The change in words, parts joined by " · ". */
  text: string;
  /** "alice", "a watch", or undefined when nobody was named. */
  viewer: string | undefined;
}

/** Every change of a history, oldest first, in words. */
export function historyLines(history: HistoryResponse): HistoryLine[] {
  return history.changes.map((change, index) => ({
    at: Date.parse(change.at),
    text: changeWords(change, history.changes[index - 1]?.facts).join(' · '),
    viewer:
      change.viewer === null ? undefined : change.viewer === 'watch' ? 'a watch' : change.viewer,
  }));
}

/** The status the server last saw: of its latest change (the latest answer's facts). */
export function lastSeenStatus(history: HistoryResponse): string | undefined {
  return history.changes.at(-1)?.facts.status;
}

/** "Failed at 2026-12-04 20:46:56 UTC": what the server last saw, and when it last asked. */
export function lastSeenText(history: HistoryResponse, zone: ZoneChoice): string {
  const at = formatDateTime(Date.parse(history.latest.at), zone);
  return `${statusWord(lastSeenStatus(history))} at ${at.text} ${at.zone}`;
}

/** The page's words for a job the cloud forgets and the server remembers. */
export function goneText(history: HistoryResponse, zone: ZoneChoice): string {
  return `The cloud no longer answers for this job. This dashboard last saw it ${lastSeenText(history, zone)}.`;
}

/** The last recorded answer, read like a live one; null when it is no job body. */
export function recordedJob(history: HistoryResponse): ParsedJob | null {
  return parseJobBody(history.latest.body);
}
