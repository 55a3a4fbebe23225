/** Characters that end a part of an ID (`7c0e2a8e-inci-0001`), where a shown window may stop. */
const SEPARATOR = /[-_.:/]/;
/** The first characters that random IDs (UUIDs) differ in: a lone ID's label. */
const HEAD = 8;
/** A window of an ID is at least this wide, so that it reads as a part of it. */
const MIN_WINDOW = 4;
/** A window grows to the whole part of the ID it lies in when that part is at most this wide. */
const MAX_PART = 8;

/**
 * The columns where IDs of one length differ, `[from, to)`: any two of them differ somewhere in
 * there, so the same window of each tells them apart. Widened to the part of the ID it lies in
 * (between separators) when that part is short, else to `MIN_WINDOW` characters.
 */
function differingWindow(group: readonly string[]): [number, number] {
  const [first = ''] = group;
  const length = first.length;
  let from = length;
  let to = 0;
  for (let column = 0; column < length; column += 1) {
    if (group.some((id) => id[column] !== first[column])) {
      from = Math.min(from, column);
      to = column + 1;
    }
  }
  let partFrom = from;
  while (partFrom > 0 && !SEPARATOR.test(first[partFrom - 1] ?? '')) partFrom -= 1;
  let partTo = to;
  while (partTo < length && !SEPARATOR.test(first[partTo] ?? '')) partTo += 1;
  if (partTo - partFrom <= MAX_PART) return [partFrom, partTo];
  // A long part: `MIN_WINDOW` of it, onwards from where they differ, back from its end.
  to = Math.max(to, Math.min(partTo, from + MIN_WINDOW));
  return [Math.min(from, Math.max(partFrom, to - MIN_WINDOW)), to];
}

/**
 * Labels for IDs that share their first `HEAD` characters: the first `head` characters, then
 * the window where they differ (with an ellipsis either side where something is left out), or,
 * for IDs of different lengths, as much of the end as tells them apart.
 */
function groupLabels(group: readonly string[], head: number): Map<string, string> {
  const labels = new Map<string, string>();
  const lengths = new Set(group.map((id) => id.length));
  if (lengths.size === 1) {
    const [from, to] = differingWindow(group);
    for (const id of group) {
      const end = to < id.length ? '…' : '';
      labels.set(
        id,
        from <= head + 1
          ? `${id.slice(0, to)}${end}`
          : `${id.slice(0, head)}…${id.slice(from, to)}${end}`,
      );
    }
    return labels;
  }
  const longest = Math.max(...lengths);
  let tail = MIN_WINDOW;
  while (tail < longest && new Set(group.map((id) => id.slice(-tail))).size < group.length)
    tail += 1;
  for (const id of group) labels.set(id, `${id.slice(0, head)}…${id.slice(-tail)}`);
  return labels;
}

/**
 * A short spelling of each job ID for the board's axis labels, the shortest that still tells
 * the board's IDs apart: the first 8 characters, which tell random UUIDs apart; where IDs share
 * those (IDs made from one pattern), the first few and the part where they differ, from the
 * middle (`7c0e…0001…`) or the end (`7c0e…0012`). No two IDs get the same label, and a label
 * no shorter than its ID is the ID. The same ID (two projects) stays the same: the row's
 * number tells those apart.
 */
export function shortIds(ids: readonly string[]): Map<string, string> {
  const distinct = [...new Set(ids)];
  const byHead = new Map<string, string[]>();
  for (const id of distinct) {
    const key = id.slice(0, HEAD);
    byHead.set(key, [...(byHead.get(key) ?? []), id]);
  }
  // Groups' labels begin with 4 characters, or more where two groups would read the same
  // (`7c0e2a8e-…-0001` and `7c0eff00-…-0001`); at `HEAD` the groups' beginnings all differ.
  for (let head = 4; ; head += 1) {
    const result = new Map<string, string>();
    for (const [key, group] of byHead) {
      const labels = group.length > 1 ? groupLabels(group, head) : undefined;
      for (const id of group) {
        const label = labels?.get(id) ?? `${key}…`;
        result.set(id, label.length >= id.length ? id : label);
      }
    }
    if (head >= HEAD || new Set(result.values()).size === distinct.length) return result;
  }
}
