import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

const BASES = ['/', '/sfs-turbo-jobs/', '/a/b/'];
const PROBE = 'https://dashboard.example';

/** Where a browser would go if given this Location on our site. */
function landing(location: string): URL {
  return new URL(location, `${PROBE}/x/y`);
}

describe('return address after sign-in', () => {
  it('keeps a deep link with its query', () => {
    expect(safeReturnPath('/eu-de/projects/abc/jobs/1?sub=2', '/')).toBe(
      '/eu-de/projects/abc/jobs/1?sub=2',
    );
    expect(safeReturnPath('/sfs-turbo-jobs/board?jobs=a,b', '/sfs-turbo-jobs/')).toBe(
      '/sfs-turbo-jobs/board?jobs=a,b',
    );
    expect(safeReturnPath('/sfs-turbo-jobs', '/sfs-turbo-jobs/')).toBe('/sfs-turbo-jobs');
  });

  it('refuses other sites, tricks and paths outside the base', () => {
    const base = '/sfs-turbo-jobs/';
    for (const raw of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      '/other-app/',
      '/sfs-turbo-jobs/../other-app/',
      '/sfs-turbo-jobs/%2e%2e/other-app/',
      '/sfs-turbo-jobsX/',
      '',
      null,
      undefined,
    ]) {
      expect(safeReturnPath(raw, base), String(raw)).toBe(base);
    }
  });

  it('always lands on this origin, under the base path, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.webUrl(),
          fc.webPath().map((p) => `/${p}`),
          fc.stringMatching(/^[/\\.:a-z%0-9?#@\t]{0,24}$/),
        ),
        (base, raw) => {
          const result = safeReturnPath(raw, base);
          const url = landing(result);
          expect(url.origin).toBe(PROBE);
          expect(result.startsWith('/')).toBe(true);
          expect(result.startsWith('//')).toBe(false);
          expect(`${url.pathname}/`.startsWith(base) || url.pathname.startsWith(base)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('returns a plain path under the base unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.array(fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/), { maxLength: 5 }),
        fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-zA-Z0-9,]{0,10}$/), { nil: undefined }),
        (base, segments, search) => {
          const path = `${base}${segments.join('/')}${search ? `?${search}` : ''}`;
          expect(safeReturnPath(path, base)).toBe(path);
        },
      ),
    );
  });
});
