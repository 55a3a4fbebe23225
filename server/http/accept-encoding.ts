export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The best coding a client accepts among those available: brotli, then gzip, by the
 * client's q-values (a `q=0` refuses, `*` stands for codings not named).
 */
export function chooseCoding(
  header: string | undefined,
  available: { br: boolean; gzip: boolean },
): Coding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  let best: Coding = 'identity';
  let bestWeight = 0;
  for (const name of ['br', 'gzip'] as const) {
    const w = available[name] ? weight(name) : 0;
    if (w > bestWeight) {
      best = name;
      bestWeight = w;
    }
  }
  return best;
}
