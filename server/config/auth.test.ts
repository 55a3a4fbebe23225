import { describe, expect, it } from 'vitest';
import { loadAuthConfig, parseDuration } from './auth.ts';
import { ConfigError } from './config.ts';

const LOOPBACK = { host: '127.0.0.1', basePath: '/' };
const OIDC = {
  AUTH_MODE: 'oidc',
  OIDC_ISSUER_URL: 'https://login.example.com/realms/support',
  OIDC_CLIENT_ID: 'sfs-turbo-jobs',
  SESSION_SECRET: 'x'.repeat(16) + 'abcdefghijklmnopqrstu',
};
const TEAM = {
  host: '0.0.0.0',
  basePath: '/sfs-turbo-jobs',
  publicUrl: 'https://ops.example.com/sfs-turbo-jobs/',
};

function refusal(
  env: Record<string, string>,
  context: Parameters<typeof loadAuthConfig>[1] = TEAM,
): string {
  try {
    loadAuthConfig(env, context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('access-control settings', () => {
  it('needs no sign-in on loopback, and says so', () => {
    expect(loadAuthConfig({}, LOOPBACK)).toMatchObject({
      mode: 'none',
      upstreamPerMin: 300,
      basePath: '/',
    });
  });

  it('refuses to start an open server on a non-loopback address unless AUTH_MODE=none is explicit', () => {
    expect(refusal({})).toMatch(/^AUTH_MODE is not set and HOST=0\.0\.0\.0/);
    expect(loadAuthConfig({ AUTH_MODE: 'none' }, TEAM).mode).toBe('none');
    expect(refusal({ AUTH_MODE: 'sso' })).toMatch(/^AUTH_MODE must be none, header or oidc/);
  });

  it('reads header mode with the default header names', () => {
    expect(
      loadAuthConfig({ AUTH_MODE: 'header', AUTH_ALLOWED_GROUPS: 'sfs-support, noc' }, TEAM),
    ).toMatchObject({
      mode: 'header',
      userHeader: 'x-forwarded-user',
      groupsHeader: 'x-forwarded-groups',
      allowedGroups: ['sfs-support', 'noc'],
      basePath: '/sfs-turbo-jobs/',
    });
    expect(refusal({ AUTH_MODE: 'header', AUTH_USER_HEADER: 'X User' })).toMatch(
      /^AUTH_USER_HEADER/,
    );
  });

  it('reads oidc mode with defaults: scopes, groups claim, a working day of session, Secure on https', () => {
    expect(loadAuthConfig(OIDC, TEAM)).toMatchObject({
      mode: 'oidc',
      scopes: 'openid email profile',
      groupsClaim: 'groups',
      sessionMaxAgeSec: 36_000,
      secureCookies: true,
      publicOrigin: 'https://ops.example.com',
    });
    expect(loadAuthConfig({ ...OIDC, SESSION_MAX_AGE: '8h' }, TEAM)).toMatchObject({
      sessionMaxAgeSec: 28_800,
    });
  });

  it('names the missing or weak setting in oidc mode', () => {
    const without = (name: keyof typeof OIDC) => {
      const env: Record<string, string> = { ...OIDC };
      delete env[name];
      return env;
    };
    expect(refusal(without('OIDC_ISSUER_URL'))).toMatch(/^OIDC_ISSUER_URL is required/);
    expect(refusal(without('OIDC_CLIENT_ID'))).toMatch(/^OIDC_CLIENT_ID is required/);
    expect(refusal(without('SESSION_SECRET'))).toMatch(/^SESSION_SECRET is required/);
    expect(refusal({ ...OIDC, SESSION_SECRET: 'short-secret-31-characters-long' })).toBe(
      'SESSION_SECRET is too short: at least 32 characters, got 31',
    );
    expect(refusal({ ...OIDC, SESSION_SECRET: 'a'.repeat(40) })).toMatch(
      /^SESSION_SECRET is too weak/,
    );
    expect(refusal(OIDC, { ...TEAM, publicUrl: undefined })).toMatch(/^PUBLIC_URL is required/);
    expect(refusal({ ...OIDC, OIDC_SCOPES: 'email profile' })).toMatch(
      /^OIDC_SCOPES must include openid/,
    );
    expect(refusal({ ...OIDC, SESSION_MAX_AGE: 'forever' })).toMatch(/^SESSION_MAX_AGE/);
    expect(refusal({ ...OIDC, RATE_LIMIT_UPSTREAM_PER_MIN: '0' })).toMatch(
      /^RATE_LIMIT_UPSTREAM_PER_MIN/,
    );
    expect(refusal({ ...OIDC, METRICS_TOKEN: 'abc' })).toMatch(/^METRICS_TOKEN is too short/);
  });

  it('never prints the session secret', () => {
    const secret = 'short-secret-value';
    expect(refusal({ ...OIDC, SESSION_SECRET: secret })).not.toContain(secret);
  });

  it('accepts an http:// issuer only on a loopback address', () => {
    expect(refusal({ ...OIDC, OIDC_ISSUER_URL: 'http://login.example.com' })).toMatch(
      /^OIDC_ISSUER_URL must be https:\/\//,
    );
    for (const issuer of [
      'http://127.0.0.1:6302',
      'http://127.1.2.3:6302',
      'http://localhost:8080/realms/x',
      'http://[::1]:9000',
    ]) {
      expect(loadAuthConfig({ ...OIDC, OIDC_ISSUER_URL: issuer }, TEAM).mode).toBe('oidc');
    }
    // Names that merely end in .localhost, or that DNS answers, are no promise of loopback.
    for (const issuer of [
      'http://foo.localhost',
      'http://localhost.example.com',
      'http://localhost./realms/x',
      'http://128.0.0.1',
      'http://[::2]',
    ]) {
      expect(refusal({ ...OIDC, OIDC_ISSUER_URL: issuer }), issuer).toMatch(
        /^OIDC_ISSUER_URL must be https:\/\/.*loopback address: 127\.0\.0\.0\/8, ::1 or localhost/,
      );
    }
    expect(refusal({ ...OIDC, OIDC_ISSUER_URL: 'ftp://login.example.com' })).toMatch(
      /^OIDC_ISSUER_URL must be https/,
    );
  });

  it('names users by a verified e-mail, else sub, unless OIDC_USER_CLAIM says which claim', () => {
    expect(loadAuthConfig(OIDC, TEAM)).toMatchObject({ userClaim: undefined });
    for (const claim of ['email', 'sub', 'preferred_username', 'upn', 'https://example.com/uid']) {
      expect(loadAuthConfig({ ...OIDC, OIDC_USER_CLAIM: claim }, TEAM)).toMatchObject({
        userClaim: claim,
      });
    }
  });

  it('refuses an OIDC_USER_CLAIM that users can edit, or that is no claim name', () => {
    for (const claim of ['name', 'given_name', 'nickname']) {
      expect(refusal({ ...OIDC, OIDC_USER_CLAIM: claim }), claim).toMatch(
        new RegExp(`^OIDC_USER_CLAIM=${claim} names a claim users can change themselves`),
      );
    }
    expect(refusal({ ...OIDC, OIDC_USER_CLAIM: 'user name' })).toMatch(
      /^OIDC_USER_CLAIM is not a claim name/,
    );
  });

  it('counts only 127.0.0.0/8, ::1 and localhost as a loopback HOST', () => {
    expect(refusal({}, { ...TEAM, host: 'dashboard.localhost' })).toMatch(
      /^AUTH_MODE is not set and HOST=dashboard\.localhost/,
    );
    expect(loadAuthConfig({}, { ...TEAM, host: 'localhost' }).mode).toBe('none');
  });

  it('refuses allowed lists without sign-in (they would let everybody in)', () => {
    expect(refusal({ AUTH_MODE: 'none', AUTH_ALLOWED_USERS: 'alice' })).toMatch(
      /^AUTH_ALLOWED_USERS/,
    );
  });

  it('reads durations in seconds or with a unit', () => {
    expect(parseDuration('X', '3600')).toBe(3600);
    expect(parseDuration('X', '90m')).toBe(5400);
    expect(parseDuration('X', '1d')).toBe(86_400);
    expect(() => parseDuration('X', '30s')).toThrow(ConfigError);
  });
});
