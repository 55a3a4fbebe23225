/**
 * A short spelling of each job ID for the board's axis labels: the first 8 characters, which
 * tell random UUIDs apart; where two differ only later (IDs made from one pattern), the first 4
 * and as much of the end as tells them apart. The same ID (two projects) stays the same: the
 * row's number tells those apart.
 */
export function shortIds(ids: readonly string[]): Map<string, string> {
  const distinct = [...new Set(ids)];
  const result = new Map<string, string>();
  const byPrefix = new Map<string, string[]>();
  for (const id of distinct)
    byPrefix.set(id.slice(0, 8), [...(byPrefix.get(id.slice(0, 8)) ?? []), id]);
  for (const [prefix, group] of byPrefix) {
    if (group.length === 1) {
      const [id = ''] = group;
      result.set(id, id.length > 8 ? `${prefix}…` : id);
      continue;
    }
    const longest = Math.max(...group.map((id) => id.length));
    let tail = 4;
    while (tail < longest && new Set(group.map((id) => id.slice(-tail))).size < group.length)
      tail += 1;
    for (const id of group)
      result.set(id, id.length <= 4 + tail + 1 ? id : `${id.slice(0, 4)}…${id.slice(-tail)}`);
  }
  return result;
}
