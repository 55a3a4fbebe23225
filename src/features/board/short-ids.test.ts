import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortIds } from './short-ids';

const labelsOf = (ids: readonly string[]) => {
  const short = shortIds(ids);
  return ids.map((id) => short.get(id));
};

describe('short job IDs on the axis', () => {
  it('keep the first 8 characters of IDs that differ there', () => {
    expect(
      labelsOf(['3f2a9c1e-0000-4000-8000-000000000001', 'b71d04aa-0000-4000-8000-000000000001']),
    ).toEqual(['3f2a9c1e…', 'b71d04aa…']);
  });

  it('tell apart IDs of one pattern by their end, never giving two the same label', () => {
    expect(
      labelsOf([
        '7c0e2a8e-inci-4f00-9a00-000000000001',
        '7c0e2a8e-inci-4f00-9a00-000000000002',
        '7c0e2a8e-inci-4f00-9a00-000000000012',
      ]),
    ).toEqual(['7c0e…0001', '7c0e…0002', '7c0e…0012']);
  });

  it('show the differing middle of IDs that share a long beginning and end, with an ellipsis', () => {
    expect(
      labelsOf([
        '7c0e2a8e-0001-4f00-9a00-000000000000',
        '7c0e2a8e-0002-4f00-9a00-000000000000',
        '7c0e2a8e-0013-4f00-9a00-000000000000',
      ]),
    ).toEqual(['7c0e…0001…', '7c0e…0002…', '7c0e…0013…']);
    // No separators: four characters from where they differ.
    expect(
      labelsOf(['ff8080817d3a1b2c017d3a5e9f2a0001aaaa', 'ff8080817d3a1b2c017d3a5e9f2a0002aaaa']),
    ).toEqual(['ff80…1aaa…', 'ff80…2aaa…']);
  });

  it('begin with as much as tells two patterns apart that end alike', () => {
    expect(
      labelsOf([
        '7c0e2a8e-inci-4f00-9a00-000000000001',
        '7c0e2a8e-inci-4f00-9a00-000000000002',
        '7c0eff00-inci-4f00-9a00-000000000001',
        '7c0eff00-inci-4f00-9a00-000000000002',
      ]),
    ).toEqual(['7c0e2…0001', '7c0e2…0002', '7c0ef…0001', '7c0ef…0002']);
  });

  it('keep short IDs whole, and tell IDs of different lengths apart by their end', () => {
    expect(labelsOf(['job-1', 'job-2'])).toEqual(['job-1', 'job-2']);
    expect(labelsOf(['abcdefgh1', 'abcdefgh2'])).toEqual(['abcdefgh1', 'abcdefgh2']);
    expect(labelsOf(['abcdefgh', 'abcdefghij', 'abcdefgh-long-one-000'])).toEqual([
      'abcdefgh',
      'abcd…ghij',
      'abcd…-000',
    ]);
  });

  it('give one label to the same ID twice (two projects)', () => {
    const id = '3f2a9c1e-0000-4000-8000-000000000001';
    expect(labelsOf([id, id])).toEqual(['3f2a9c1e…', '3f2a9c1e…']);
  });

  it('never give two IDs the same label, nor one longer than its ID', () => {
    // IDs of a few patterns that differ in a few characters anywhere: the hard case.
    const pattern = fc.constantFrom(
      '7c0e2a8e-inci-4f00-9a00-000000000000',
      '7c0eff00-inci-4f00-9a00-000000000000',
      'ff8080817d3a1b2c017d3a5e9f2a0000aaaa',
      'job-0000',
    );
    const id = fc
      .tuple(pattern, fc.array(fc.tuple(fc.nat(40), fc.constantFrom('0', '1', '2', 'f', '-'))))
      .map(([base, changes]) => {
        const chars = [...base];
        for (const [at, char] of changes) if (at < chars.length) chars[at] = char;
        return chars.join('');
      });
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 50 }), (ids) => {
        const short = shortIds(ids);
        const labels = ids.map((each) => short.get(each) ?? '');
        expect(new Set(labels).size).toBe(ids.length);
        ids.forEach((each, index) =>
          expect(labels[index]!.length).toBeLessThanOrEqual(each.length),
        );
      }),
    );
  });
});
