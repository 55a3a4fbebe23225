export type ZoneChoice = 'utc' | 'local';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `YYYY-MM-DD HH:mm:ss` in the chosen zone, and the zone's label (e.g. `UTC`, `UTC+01:00`). */
export function formatDateTime(ms: number, zone: ZoneChoice): { text: string; zone: string } {
  const date = new Date(ms);
  if (zone === 'utc') {
    return {
      text: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
      zone: 'UTC',
    };
  }
  return {
    text: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
    zone: offsetLabel(-date.getTimezoneOffset()),
  };
}

/** `HH:mm:ss` in the chosen zone, with the zone label. */
export function formatClock(ms: number, zone: ZoneChoice): string {
  const { text, zone: label } = formatDateTime(ms, zone);
  return `${text.slice(11)} ${label}`;
}

const UNITS = [
  { label: 'd', ms: 86_400_000 },
  { label: 'h', ms: 3_600_000 },
  { label: 'min', ms: 60_000 },
  { label: 's', ms: 1_000 },
] as const;

/**
 * Exact to the second at every scale: `59 s`, `1 h 57 min 03 s`, `2 d 4 h`. Units run from
 * the largest non-zero one to the smallest non-zero one, so nothing is rounded away.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 0) return `−${formatDuration(-ms)}`;
  if (ms > 0 && ms < 1000) return '< 1 s';
  let rest = Math.floor(ms / 1000) * 1000;
  if (rest === 0) return '0 s';
  const parts: { label: string; value: number }[] = [];
  for (const unit of UNITS) {
    const value = Math.floor(rest / unit.ms);
    rest -= value * unit.ms;
    parts.push({ label: unit.label, value });
  }
  const first = parts.findIndex((part) => part.value > 0);
  const last = parts.findLastIndex((part) => part.value > 0);
  return parts
    .slice(first, last + 1)
    .map(
      (part, index) =>
        `${index === 0 || part.label === 'h' ? part.value : pad(part.value)} ${part.label}`,
    )
    .join(' ');
}

/**
 * How long ago, to the minute, for people who would otherwise subtract: `40 s`, `12 min`,
 * `1 h 12 min`, `3 d 4 h`. Undefined for a time in the future or not a number (clock skew,
 * bad data), so no "−5 min ago" is ever written.
 */
export function formatAgo(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}
