import { parseApiTime } from '../../common/api-time';
import { isFinal, statusKind } from '../../common/job-status';
import { durationOf } from './durations';
import { explainCode } from './error-codes';
import type { SubJob } from './job-schema';
import { jobTypeLabel } from './job-types';
import { STATUS_LABEL } from './status';
import { formatDateTime, formatDuration } from './time';

// Cells of the Markdown tables that summaries put into tickets (the job page's and the board's).

/** Makes text safe inside a Markdown table cell: one line, pipes and backticks escaped. */
export function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'");
}

export function code(text: string | undefined): string {
  return text === undefined || text === '' ? '—' : `\`${cell(text)}\``;
}

export function statusText(raw: string | undefined): string {
  const kind = statusKind(raw);
  if (kind === 'unknown') return raw ? `Unknown status ${code(raw)}` : 'No status';
  return `${STATUS_LABEL[kind]} (${code(raw)})`;
}

export function typeText(raw: string | undefined): string {
  if (!raw) return '—';
  const label = jobTypeLabel(raw);
  return label ? `${label} (${code(raw)})` : code(raw);
}

export function timeText(raw: string | undefined): string {
  const parsed = parseApiTime(raw);
  if (parsed.kind === 'missing') return '—';
  if (parsed.kind === 'invalid') return `${code(parsed.raw)} (unrecognised format)`;
  const { text, zone } = formatDateTime(parsed.ms, 'utc');
  return `${text} ${zone}`;
}

export function durationText(
  item: Pick<SubJob, 'begin_time' | 'end_time' | 'status'>,
  now: number,
): string {
  const info = durationOf(item, !isFinal(statusKind(item.status)), now);
  switch (info.kind) {
    case 'finished':
      return formatDuration(info.ms);
    case 'elapsed':
      return `${formatDuration(info.ms)} so far`;
    case 'negative':
      return `${formatDuration(info.ms)} (end before begin)`;
    default:
      return '—';
  }
}

export function failureText(item: Pick<SubJob, 'error_code' | 'fail_reason'>): string {
  if (!item.error_code && !item.fail_reason) return '';
  const meaning = explainCode(item.error_code);
  return [
    item.error_code && code(item.error_code),
    meaning,
    item.fail_reason && cell(item.fail_reason),
  ]
    .filter(Boolean)
    .join(' — ');
}
