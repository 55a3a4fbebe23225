import { describe, expect, it } from 'vitest';
import { loadAppConfig } from './app-config.ts';
import { ConfigError } from './config.ts';
import { loadServingConfig } from './serving.ts';

describe('serving configuration', () => {
  it('defaults to the root, no public address, loopback proxies and a one-second cache', () => {
    const config = loadServingConfig({});
    expect(config).toMatchObject({ basePath: '/', publicUrl: undefined, cacheMs: 1000 });
    expect(config.trustedProxies.has('127.0.0.1')).toBe(true);
    expect(config.trustedProxies.has('10.0.0.1')).toBe(false);
  });

  it.each([
    ['/sfs-turbo-jobs', '/sfs-turbo-jobs/'],
    ['/sfs-turbo-jobs/', '/sfs-turbo-jobs/'],
    ['/a/b.c~d_e-f/', '/a/b.c~d_e-f/'],
    ['', '/'],
  ])('reads BASE_PATH %j as %j', (raw, base) => {
    expect(loadServingConfig({ BASE_PATH: raw }).basePath).toBe(base);
  });

  it.each([
    ['BASE_PATH', { BASE_PATH: 'sfs-turbo-jobs' }],
    ['BASE_PATH', { BASE_PATH: '/a/../b' }],
    ['BASE_PATH', { BASE_PATH: '/a/./b' }],
    ['BASE_PATH', { BASE_PATH: '/a b' }],
    ['BASE_PATH', { BASE_PATH: '/a"><script>' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'jobs.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://jobs.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://user:pw@jobs.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://jobs.example.com/other/', BASE_PATH: '/sfs/' }],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: '10.0.0.0/40' }],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: 'proxy.internal' }],
    ['SFS_TURBO_CACHE_MS', { SFS_TURBO_CACHE_MS: '-1' }],
    ['SFS_TURBO_CACHE_MS', { SFS_TURBO_CACHE_MS: '1s' }],
    ['SERVE_SOURCE_MAPS', { SERVE_SOURCE_MAPS: 'yes' }],
  ])('stops at start naming %s', (name, env) => {
    expect(() => loadServingConfig(env)).toThrow(ConfigError);
    expect(() => loadServingConfig(env)).toThrow(name);
  });

  it('trusts nobody when TRUSTED_PROXIES is set but empty (unset keeps loopback)', () => {
    for (const raw of ['', ' ', ' , ']) {
      const config = loadServingConfig({ TRUSTED_PROXIES: raw });
      expect(config.trustedProxies.rules).toEqual([]);
      expect(config.trustedProxies.has('127.0.0.1')).toBe(false);
      expect(config.trustedProxies.has('::1')).toBe(false);
    }
  });

  it('serves source maps only when SERVE_SOURCE_MAPS asks for them', () => {
    expect(loadServingConfig({}).serveSourceMaps).toBe(false);
    expect(loadServingConfig({ SERVE_SOURCE_MAPS: '0' }).serveSourceMaps).toBe(false);
    expect(loadServingConfig({ SERVE_SOURCE_MAPS: '1' }).serveSourceMaps).toBe(true);
    expect(loadServingConfig({ SERVE_SOURCE_MAPS: 'true' }).serveSourceMaps).toBe(true);
  });

  it('refuses header sign-in with an empty TRUSTED_PROXIES, naming it', () => {
    expect(() => loadAppConfig({ AUTH_MODE: 'header', TRUSTED_PROXIES: '' })).toThrow(
      /^TRUSTED_PROXIES is empty, and AUTH_MODE=header/,
    );
    expect(loadAppConfig({ AUTH_MODE: 'header' }).auth.mode).toBe('header');
  });

  it('takes PUBLIC_URL with or without the base path, and admits its host name', () => {
    for (const url of ['https://Jobs.Example.com', 'https://jobs.example.com/sfs/']) {
      const config = loadServingConfig({ PUBLIC_URL: url, BASE_PATH: '/sfs' });
      expect(config.publicUrl).toBe('https://jobs.example.com/sfs');
      expect(config.allowedHosts).toContain('jobs.example.com');
    }
  });
});
