import { statusKind, type StatusKind } from '../../common/job-status';

export const STATUS_LABEL: Record<StatusKind, string> = {
  success: 'Succeeded',
  failed: 'Failed',
  waiting: 'Waiting',
  running: 'Running',
  unknown: 'Unknown status',
};

/** The documented lower-case words; anything else (`FAIL`, `DOING`, `Success`) is shown beside the label. */
const DOCUMENTED = new Set(['success', 'failed', 'waiting', 'running']);

/**
 * The raw status word when it is worth showing beside the readable label: a known status that
 * came in another form than the documented lower-case word. Undefined for the documented form
 * and for unknown statuses (those are shown raw anyway).
 */
export function undocumentedForm(raw: string | undefined): string | undefined {
  if (raw === undefined || statusKind(raw) === 'unknown' || DOCUMENTED.has(raw)) return undefined;
  return raw;
}

/** The status as one line of text: "Failed", "Failed (FAIL)", "suspended", "No status". */
export function statusText(raw: string | undefined): string {
  const kind = statusKind(raw);
  if (kind === 'unknown')
    return raw === undefined ? 'No status' : raw === '' ? 'Empty status' : raw;
  const form = undocumentedForm(raw);
  return form === undefined ? STATUS_LABEL[kind] : `${STATUS_LABEL[kind]} (${form})`;
}
