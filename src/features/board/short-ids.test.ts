import { describe, expect, it } from 'vitest';
import { shortIds } from './short-ids';

describe('short job IDs on the axis', () => {
  it('keep the first 8 characters of IDs that differ there', () => {
    const ids = shortIds([
      '3f2a9c1e-0000-4000-8000-000000000001',
      'b71d04aa-0000-4000-8000-000000000001',
    ]);
    expect([...ids.values()]).toEqual(['3f2a9c1e…', 'b71d04aa…']);
  });

  it('tell apart IDs of one pattern by their end, never giving two the same label', () => {
    const list = [
      '7c0e2a8e-inci-4f00-9a00-000000000001',
      '7c0e2a8e-inci-4f00-9a00-000000000002',
      '7c0e2a8e-inci-4f00-9a00-000000000012',
    ];
    const ids = shortIds(list);
    expect(ids.get(list[0] as string)).toBe('7c0e…0001');
    expect(new Set(list.map((id) => ids.get(id))).size).toBe(3);
  });

  it('keep short IDs whole', () => {
    expect(shortIds(['job-1', 'job-2']).get('job-1')).toBe('job-1');
    expect(shortIds(['abcdefgh1', 'abcdefgh2']).get('abcdefgh1')).toBe('abcdefgh1');
  });
});
