/**
 * Header mode behind Debian's nginx, configured as a team would put it in front of
 * oauth2-proxy: `auth_request` asks the sign-in service, which answers the user and groups in
 * headers; nginx copies them into X-Forwarded-User / X-Forwarded-Groups, and connects to the
 * dashboard from 127.0.0.2, the one trusted proxy address. A client that reaches the dashboard
 * directly (127.0.0.1) with the same headers is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { loadAuthConfig } from '../config/auth.ts';
import { createAccessControl } from '../http/steps/access-control.ts';
import { startAuthHost, type AuthHost } from '../testing/auth-host.ts';
import { listen, type Running, freePort } from '../testing/servers.ts';

const NGINX_PEER = '127.0.0.2';

/** A stand-in for oauth2-proxy's `/oauth2/auth`: 202 with the user for a known cookie, else 401. */
function signInService(): Promise<Running> {
  const users: Record<string, { user: string; groups: string }> = {
    'sso=alice': { user: 'alice', groups: 'sfs-support,staff' },
    'sso=bob': { user: 'bob', groups: 'staff' },
  };
  return listen((req, res) => {
    const known = users[req.headers.cookie ?? ''];
    if (!known) {
      res.writeHead(401).end();
      return;
    }
    res
      .writeHead(202, { 'X-Auth-Request-User': known.user, 'X-Auth-Request-Groups': known.groups })
      .end();
  });
}

function nginxConfig(
  dir: string,
  listenPort: number,
  dashboardPort: number,
  authPort: number,
): string {
  return `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${listenPort};
    location = /oauth2/auth {
      internal;
      proxy_pass http://127.0.0.1:${authPort};
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
    location / {
      auth_request /oauth2/auth;
      auth_request_set $user $upstream_http_x_auth_request_user;
      auth_request_set $groups $upstream_http_x_auth_request_groups;
      # Whatever the client sent under these names is replaced, never passed on.
      proxy_set_header X-Forwarded-User $user;
      proxy_set_header X-Forwarded-Groups $groups;
      proxy_bind ${NGINX_PEER};
      proxy_pass http://127.0.0.1:${dashboardPort};
    }
  }
}
`;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('nginx did not start');
}

describe('header mode behind nginx auth_request (as with oauth2-proxy)', () => {
  let dashboard: AuthHost;
  let auth: Running;
  let nginx: ChildProcess;
  let dir: string;
  let front: string;

  beforeAll(async () => {
    const config = loadAuthConfig(
      { AUTH_MODE: 'header', AUTH_ALLOWED_GROUPS: 'sfs-support' },
      { host: '0.0.0.0', basePath: '/' },
    );
    // The real server matches TRUSTED_PROXIES; here the one trusted address is nginx's.
    dashboard = await startAuthHost({
      step: createAccessControl(config),
      isTrustedPeer: (peer) => peer === NGINX_PEER,
    });
    auth = await signInService();
    dir = mkdtempSync(path.join(tmpdir(), 'auth-nginx-'));
    const port = await freePort();
    writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, dashboard.port, auth.port));
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
    front = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${front}/healthz`)).status > 0);
  }, 30_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await new Promise((resolve) => nginx?.once('exit', resolve));
    await dashboard?.close();
    await auth?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a signed-in colleague through nginx, named by the sign-in service, not by the client', async () => {
    const session = await fetch(`${front}/api/session`, {
      headers: {
        Cookie: 'sso=alice',
        'X-Forwarded-User': 'mallory',
        'X-Forwarded-Groups': 'admins',
      },
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({
      mode: 'header',
      user: 'alice',
      groups: ['sfs-support', 'staff'],
    });
    expect(dashboard.log.at(-1)?.ctx).toMatchObject({
      peer: NGINX_PEER,
      viaTrustedProxy: true,
      log: { user: 'alice' },
    });
  });

  it('is refused by nginx without a sign-in, whatever headers the client forges', async () => {
    const answer = await fetch(`${front}/api/session`, {
      headers: { 'X-Forwarded-User': 'alice' },
    });
    expect(answer.status).toBe(401);
  });

  it('refuses a colleague outside the allowed group with 403 through nginx', async () => {
    const answer = await fetch(`${front}/api/eu-de/v1/p/sfs-turbo/jobs/j`, {
      headers: { Cookie: 'sso=bob' },
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ errCode: PROXY_ERROR.forbidden });
  });

  it('refuses a request that goes round nginx, straight to the dashboard with forged headers', async () => {
    const reachedBefore = dashboard.reached.length;
    const direct = await fetch(`${dashboard.url}/api/session`, {
      headers: { 'X-Forwarded-User': 'alice', 'X-Forwarded-Groups': 'sfs-support' },
    });
    expect(direct.status).toBe(401);
    expect(await direct.json()).toMatchObject({ errCode: PROXY_ERROR.unauthenticated });
    const page = await fetch(`${dashboard.url}/eu-de/projects/p/jobs/j`, {
      headers: { 'X-Forwarded-User': 'alice' },
    });
    expect(page.status).toBe(401);
    expect(dashboard.reached.length).toBe(reachedBefore);
  });
});
