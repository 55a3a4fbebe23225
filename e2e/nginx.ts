import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
const DEPLOY = fileURLToPath(new URL('../deploy/nginx/', import.meta.url));

/**
 * Debian's nginx as an unprivileged process: its own prefix, pid and temp directories in a
 * temporary directory, errors on stderr, in the foreground, on loopback. The site config is
 * deploy/nginx/sfs-turbo-jobs.conf itself; only the upstream's port is the test's.
 */
export async function startNginx(options: { port: number; appPort: number }): Promise<{
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfs-nginx-'));
  for (const sub of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) {
    mkdirSync(path.join(dir, sub));
  }
  const upstream = readFileSync(path.join(DEPLOY, 'upstream.conf'), 'utf8').replace(
    /server 127\.0\.0\.1:\d+;/,
    `server 127.0.0.1:${options.appPort};`,
  );
  writeFileSync(path.join(dir, 'upstream.conf'), upstream);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/upstream.conf;
  server {
    listen 127.0.0.1:${options.port};
    include ${path.join(DEPLOY, 'sfs-turbo-jobs.conf')};
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', 'stderr'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${options.port}/sfs-turbo-jobs`, {
      redirect: 'manual',
    })
      .then(() => true)
      .catch(() => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > until) {
      throw new Error(`nginx did not start on 127.0.0.1:${options.port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
