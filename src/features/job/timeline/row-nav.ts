import type { StatusKind } from '../../../job/status';

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

/**
 * The display indexes to draw: the whole job, then the sub-jobs whose state is in `shown`
 * (every sub-job when `shown` is empty).
 */
export function visibleRows(
  kinds: readonly StatusKind[],
  shown: ReadonlySet<StatusKind>,
): number[] {
  if (shown.size === 0) return kinds.map((_, index) => index);
  const rows = [0];
  for (let index = 1; index < kinds.length; index += 1) {
    if (shown.has(kinds[index] ?? 'unknown')) rows.push(index);
  }
  return rows;
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
