import { describe, expect, it } from 'vitest';
import { matchApiRoute } from './route.ts';

const P = 'e9993fc787d94b6c886cbaa340f9c0f4';

describe('matchApiRoute', () => {
  it('matches the job route and the regions route', () => {
    expect(
      matchApiRoute(`/api/eu-de/v1/${P}/sfs-turbo/jobs/26f6b565-xxxx-XXXX-xxxx-03f0bd975433`),
    ).toEqual({
      kind: 'job',
      region: 'eu-de',
      projectId: P,
      jobId: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433',
    });
    expect(matchApiRoute('/api/regions')).toEqual({ kind: 'regions' });
  });

  it('leaves non-API paths alone', () => {
    expect(matchApiRoute('/eu-de/projects/x/jobs/y')).toEqual({ kind: 'unknown' });
    expect(matchApiRoute('/apis')).toEqual({ kind: 'unknown' });
  });

  it.each([
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/abc?x=1`,
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/abc%2F..`,
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/../../v2`,
    `/api/eu-de/v1/${P}//sfs-turbo/jobs/abc`,
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/./abc`,
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/abc#frag`,
    `/api/eu-de/v1/${P}/sfs-turbo/jobs/a\\b`,
  ])('refuses %s as invalid', (path) => {
    expect(matchApiRoute(path).kind).toBe('invalid');
  });

  it.each([
    ['/api/EU-DE/v1/P/sfs-turbo/jobs/abc'.replace('P', P), 'Region'],
    [`/api/eu-de/v1/${P.toUpperCase()}/sfs-turbo/jobs/abc`, 'Project'],
    [`/api/eu-de/v1/${P}/sfs-turbo/jobs/${'a'.repeat(65)}`, 'Job'],
    [`/api/eu-de/v1/${P}/sfs-turbo/jobs/-abc`, 'Job'],
  ])('says which ID is malformed in %s', (path, word) => {
    const route = matchApiRoute(path);
    expect(route.kind).toBe('invalid');
    expect(route.kind === 'invalid' && route.message).toMatch(new RegExp(`^${word}`));
  });

  it('answers unknown for other shapes under /api', () => {
    expect(matchApiRoute(`/api/eu-de/v1/${P}/sfs-turbo/shares`).kind).toBe('unknown');
    expect(matchApiRoute(`/api/eu-de/v2/${P}/sfs-turbo/jobs/abc`).kind).toBe('unknown');
    expect(matchApiRoute('/api/regions/x').kind).toBe('unknown');
  });
});
