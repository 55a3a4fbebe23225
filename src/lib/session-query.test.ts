import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSession, signInHref } from './session-query';

afterEach(() => vi.unstubAllGlobals());

describe('who is signed in', () => {
  it('builds the sign-in address that comes back to this page', () => {
    expect(
      signInHref('/sfs-turbo-jobs/auth/login', '/sfs-turbo-jobs/eu-de/projects/p/jobs/j?sub=a&b=c'),
    ).toBe(
      '/sfs-turbo-jobs/auth/login?return=%2Fsfs-turbo-jobs%2Feu-de%2Fprojects%2Fp%2Fjobs%2Fj%3Fsub%3Da%26b%3Dc',
    );
    expect(signInHref(null, '/board?jobs=a')).toBe('/board?jobs=a');
  });

  it('shows nothing rather than an error when the server does not say', async () => {
    const answers = [
      Response.json({ errCode: 'PROXY.UNAUTHENTICATED', errMsg: 'x' }, { status: 401 }),
      Response.json({ errCode: 'PROXY.NOT_FOUND', errMsg: 'x' }, { status: 404 }),
      Response.json({ mode: 'oidc', user: 42 }),
      new Response('<html>', { status: 200 }),
      Response.json({
        mode: 'header',
        user: 'alice',
        groups: ['g'],
        loginUrl: null,
        logoutUrl: '/oauth2/sign_out',
      }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answers.shift()),
    );
    expect(await fetchSession()).toBeNull();
    expect(await fetchSession()).toBeNull();
    expect(await fetchSession()).toBeNull();
    expect(await fetchSession()).toBeNull();
    expect(await fetchSession()).toMatchObject({ user: 'alice', logoutUrl: '/oauth2/sign_out' });
  });
});
