import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
export const DEPLOY = fileURLToPath(new URL('../deploy/nginx/', import.meta.url));

export interface ShippedSite {
  /** Files of deploy/nginx/ that go into `http { }` (upstreams, whole servers). */
  http: string[];
  /** Files of deploy/nginx/ that go into a plain server on 127.0.0.1:`port` (locations). */
  locations?: string[];
  port?: number;
  /**
   * What the test changes in a shipped file (ports, certificate paths), as exact text: each
   * must occur in the file, so a file that no longer matches fails instead of going untested.
   */
  replace?: Record<string, [from: string, to: string][]>;
  /** Answers (with any status) once nginx serves. */
  probe: string;
}

/**
 * Debian's nginx as an unprivileged process: its own prefix, pid and temp directories in a
 * temporary directory, errors on stderr, in the foreground, on loopback. The site is the
 * files of deploy/nginx/ themselves; only the replacements the test names are its own.
 */
export async function startShippedNginx(site: ShippedSite): Promise<{ close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfs-nginx-'));
  for (const sub of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs', 'site']) {
    mkdirSync(path.join(dir, sub));
  }
  const include = (file: string) => {
    let text = readFileSync(path.join(DEPLOY, file), 'utf8');
    for (const [from, to] of site.replace?.[file] ?? []) {
      if (!text.includes(from)) throw new Error(`deploy/nginx/${file} no longer has "${from}"`);
      text = text.replaceAll(from, to);
    }
    writeFileSync(path.join(dir, 'site', file), text);
    return `include ${path.join(dir, 'site', file)};`;
  };
  const locations = site.locations
    ? `server {\n    listen 127.0.0.1:${site.port};\n    ${site.locations.map(include).join('\n    ')}\n  }`
    : '';
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
  ${site.http.map(include).join('\n  ')}
  ${locations}
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', 'stderr'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await fetch(site.probe, { redirect: 'manual' })
      .then(() => true)
      .catch(() => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > until) {
      throw new Error(`nginx did not start (${site.probe})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** deploy/nginx/sfs-turbo-jobs.conf with upstream.conf, in front of the app on `appPort`. */
export function startNginx(options: { port: number; appPort: number }): Promise<{
  close(): Promise<void>;
}> {
  return startShippedNginx({
    http: ['upstream.conf'],
    locations: ['sfs-turbo-jobs.conf'],
    port: options.port,
    replace: {
      'upstream.conf': [['server 127.0.0.1:5173;', `server 127.0.0.1:${options.appPort};`]],
    },
    probe: `http://127.0.0.1:${options.port}/sfs-turbo-jobs`,
  });
}
