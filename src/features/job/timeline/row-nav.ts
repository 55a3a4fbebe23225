import type { StatusKind } from '../../../../common/job-status';

/** Display index of the first failed row after `from`, or −1 (index 0 is the whole job). */
export function nextFailure(kinds: readonly StatusKind[], from: number): number {
  for (let index = Math.max(1, from + 1); index < kinds.length; index += 1) {
    if (kinds[index] === 'failed') return index;
  }
  return -1;
}

/** Display index of the last failed row before `from`, or −1. */
export function previousFailure(kinds: readonly StatusKind[], from: number): number {
  for (let index = Math.min(kinds.length, from) - 1; index >= 1; index -= 1) {
    if (kinds[index] === 'failed') return index;
  }
  return -1;
}

/** What narrows the rows: states (empty: every state) and a search, both from the address. */
export interface RowFilter {
  shown: ReadonlySet<StatusKind>;
  /** As typed; matched case-insensitively as a substring, ignoring surrounding spaces. */
  query: string;
}

/**
 * The display indexes to draw: the whole job, then the sub-jobs whose state is in `shown`
 * (every sub-job when `shown` is empty) and, with a query, whose ID, error code or failure
 * reason contains it. `searchText(index)` gives a row's searchable text, lower-cased.
 */
export function visibleRows(
  kinds: readonly StatusKind[],
  filter: RowFilter,
  searchText?: (index: number) => string,
): number[] {
  const needle = filter.query.trim().toLowerCase();
  const { shown } = filter;
  if (shown.size === 0 && (needle === '' || !searchText)) return kinds.map((_, index) => index);
  const rows = [0];
  for (let index = 1; index < kinds.length; index += 1) {
    if (shown.size > 0 && !shown.has(kinds[index] ?? 'unknown')) continue;
    if (needle !== '' && searchText && !searchText(index).includes(needle)) continue;
    rows.push(index);
  }
  return rows;
}

/** The states the address can filter by, in the order the toolbar shows them. */
export const FILTER_ORDER: readonly StatusKind[] = [
  'failed',
  'running',
  'waiting',
  'success',
  'unknown',
];

/**
 * `?status=failed,running` read: the states named, and the words that name none (the page
 * says it leaves those out). Case and spaces do not matter; an empty value filters nothing.
 */
export function parseStatusParam(value: string | null): {
  shown: ReadonlySet<StatusKind>;
  unknown: string[];
} {
  const shown = new Set<StatusKind>();
  const unknown: string[] = [];
  for (const word of (value ?? '').split(',')) {
    const name = word.trim().toLowerCase();
    if (name === '') continue;
    const kind = FILTER_ORDER.find((candidate) => candidate === name);
    if (kind) shown.add(kind);
    else if (!unknown.includes(word.trim())) unknown.push(word.trim());
  }
  return { shown, unknown };
}

/** The `status` value for a set of states, in a fixed order (one view, one address); '' for none. */
export function statusParam(shown: ReadonlySet<StatusKind>): string {
  return FILTER_ORDER.filter((kind) => shown.has(kind)).join(',');
}

/**
 * The row a click on the overview at `fraction` (0 at the top, 1 at the bottom) means: the
 * sub-job drawn there, or a failed one within `snap` rows of it (failures are thin lines on a
 * large job, and the one a user aims at).
 */
export function rowAtFraction(
  kinds: readonly StatusKind[],
  fraction: number,
  snap: number,
): number {
  const count = kinds.length - 1;
  if (count <= 0 || !Number.isFinite(fraction)) return -1;
  const aimed = 1 + Math.min(count - 1, Math.max(0, Math.floor(fraction * count)));
  for (let distance = 0; distance <= snap; distance += 1) {
    if (kinds[aimed - distance] === 'failed' && aimed - distance >= 1) return aimed - distance;
    if (kinds[aimed + distance] === 'failed') return aimed + distance;
  }
  return aimed;
}
