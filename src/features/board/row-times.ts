import { parseApiTime } from '../../../common/api-time';
import { formatDateTime, type ZoneChoice } from '../../job/time';

/** One time of a row: shown, or raw and flagged, or missing. */
export type TimeCell =
  | { kind: 'ok'; text: string; iso: string }
  | { kind: 'invalid'; raw: string }
  | { kind: 'missing' };

export interface RowTimes {
  begin: TimeCell;
  end: TimeCell;
  /** The zone the ok times are written in (`UTC`, `UTC+01:00`). */
  zone: string;
}

/**
 * Begin and end of a row, compact: the begin with its date, the end as a time only when it
 * falls on the same day, one zone label for both. Pure.
 */
export function rowTimes(
  beginRaw: string | undefined,
  endRaw: string | undefined,
  zone: ZoneChoice,
): RowTimes {
  const begin = parseApiTime(beginRaw);
  const end = parseApiTime(endRaw);
  let label = formatDateTime(0, zone).zone;
  const cell = (parsed: ReturnType<typeof parseApiTime>, sameDayAs?: string): TimeCell => {
    if (parsed.kind === 'missing') return { kind: 'missing' };
    if (parsed.kind === 'invalid') return { kind: 'invalid', raw: parsed.raw };
    const { text, zone: zoneLabel } = formatDateTime(parsed.ms, zone);
    label = zoneLabel;
    const short = sameDayAs !== undefined && text.slice(0, 10) === sameDayAs;
    return {
      kind: 'ok',
      text: short ? text.slice(11) : text,
      iso: new Date(parsed.ms).toISOString(),
    };
  };
  const beginCell = cell(begin);
  const endCell = cell(end, beginCell.kind === 'ok' ? beginCell.text.slice(0, 10) : undefined);
  return { begin: beginCell, end: endCell, zone: label };
}
