import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
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

  it('is null when the server says nobody is signed in or has no sign-in routes', async () => {
    const answers = [
      Response.json({ errCode: 'PROXY.UNAUTHENTICATED', errMsg: 'x' }, { status: 401 }),
      Response.json({ errCode: 'PROXY.NOT_FOUND', errMsg: 'x' }, { status: 404 }),
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
    expect(await fetchSession()).toEqual({
      mode: 'header',
      user: 'alice',
      groups: ['g'],
      loginUrl: null,
      logoutUrl: '/oauth2/sign_out',
    });
  });

  it('fails with an ApiError for an answer that is not a session, naming what is wrong', async () => {
    const answers = [
      Response.json({ mode: 'oidc', user: 42, groups: [], loginUrl: null, logoutUrl: null }),
      new Response('<html>', { status: 200 }),
      Response.json({ errCode: 'PROXY.INTERNAL', errMsg: 'x' }, { status: 500 }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answers.shift()),
    );
    const wrongUser = await fetchSession().catch((error: unknown) => error);
    expect(wrongUser).toBeInstanceOf(ApiError);
    expect(wrongUser).toMatchObject({ kind: 'unexpected', status: 200, target: undefined });
    expect((wrongUser as ApiError).message).toMatch(/not a session \(user: /);
    await expect(fetchSession()).rejects.toMatchObject({
      name: 'ApiError',
      kind: 'unexpected',
      message: 'The answer is not JSON',
    });
    await expect(fetchSession()).rejects.toMatchObject({
      name: 'ApiError',
      kind: 'upstream',
      status: 500,
    });
  });
});
