/**
 * The API's times, read the same by the page and by the server's watches.
 */

export type ParsedTime =
  { kind: 'ok'; ms: number; raw: string } | { kind: 'missing' } | { kind: 'invalid'; raw: string };

// The API's own format: UTC with no zone marker.
const API_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads `YYYY-MM-DD HH:mm:ss` (UTC) and ISO 8601. Anything else is `invalid` and keeps its
 * raw text for display; nothing here throws.
 */
export function parseApiTime(raw: string | undefined): ParsedTime {
  if (raw === undefined || raw.trim() === '') return { kind: 'missing' };
  const match = API_TIME.exec(raw.trim());
  if (!match) return { kind: 'invalid', raw };
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Not Date.UTC: it reads years 0-99 as 1900-1999 (found by the round-trip property).
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second, 0);
  const utc = check.getTime();
  // Date.UTC rolls 2026-02-30 over into March; such a time is malformed, not a March date.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { kind: 'invalid', raw };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  return { kind: 'ok', ms: utc - offsetMinutes * 60_000 + millis, raw };
}
