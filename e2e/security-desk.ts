/**
 * A dashboard configured for a real cloud, for the security specs: the built app served by
 * production server (`START_COMMAND`, as `npm start` and the image run it) in a process of its own (its stdout is the access log), with IAM password
 * login against a fake IAM and a fake SFS Turbo endpoint, both on loopback, both recording
 * everything that reaches them and handing every request header back in every place they can.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { START_COMMAND } from '../playwright.config.ts';
import { simulatedPreviewEnv } from './preview-env.ts';

export const PASSWORD = `desk-Pa55-${randomBytes(6).toString('hex')}`;
/** A project IAM refuses (it echoes the password in its refusal). */
export const REFUSED_PROJECT = 'bad00000000000000000000000000bad';
export const JOB = {
  /** An ordinary finished job. */
  plain: 'c0ffee00-1111-2222-3333-444455556666',
  /** Answers with the token echoed in X-request-id, Retry-After and the body. */
  echoEverywhere: 'ec40ec40-1111-2222-3333-444455556666',
  /** A good job body, with the token echoed in X-request-id and Retry-After only. */
  echoHeaders: 'ec40ead0-1111-2222-3333-444455556666',
  /** A good job body, with the token's first half (letters and digits only) as X-request-id. */
  halfRequestId: 'ec40a1f0-1111-2222-3333-444455556666',
} as const;

const wrap = (text: string, columns: number, eol: string) =>
  (text.match(new RegExp(`.{1,${columns}}`, 'g')) ?? []).join(eol);
const jobWith = (token: string) =>
  JSON.stringify({ job_id: 'echo', status: 'failed', fail_reason: `debug: X-Auth-Token ${token}` });

/**
 * Job IDs (`echo-<name>`) whose answer echoes the token in one encoding each: a body, its
 * headers. Issue 19: each of these went through unnoticed before.
 */
export const ENCODED_ECHOES: Record<
  string,
  (token: string) => { headers: Record<string, string>; body: Buffer | string }
> = {
  gzip: (t) => ({
    headers: { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' },
    body: gzipSync(jobWith(t)),
  }),
  'raw-deflate': (t) => ({
    headers: { 'Content-Encoding': 'deflate', 'Content-Type': 'application/json' },
    body: deflateRawSync(jobWith(t)),
  }),
  br: (t) => ({
    headers: { 'Content-Encoding': 'br', 'Content-Type': 'application/json' },
    body: brotliCompressSync(jobWith(t)),
  }),
  'json-u002b': (t) => ({
    headers: { 'Content-Type': 'application/json' },
    body: jobWith(t).replace(/\+/g, '\\u002B').replace(/\//g, '\\u002F'),
  }),
  hex: (t) => ({
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ dump: Buffer.from(t).toString('hex').toUpperCase() }),
  }),
  utf16le: (t) => ({
    headers: { 'Content-Type': 'application/json; charset=utf-16le' },
    body: Buffer.from(jobWith(t), 'utf16le'),
  }),
  'html-entities': (t) => ({
    headers: { 'Content-Type': 'text/html' },
    body: `<pre>${[...t].map((c, i) => (c === '+' ? '&plus;' : i % 2 ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16)};`)).join('')}</pre>`,
  }),
  'base64-wrapped': (t) => ({
    headers: { 'Content-Type': 'text/plain' },
    body: wrap(Buffer.from(`X-Auth-Token: ${t}\r\n`).toString('base64'), 76, '\r\n'),
  }),
};

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

async function fakeServer(
  port: number,
  respond: (seen: Seen, res: ServerResponse) => void,
): Promise<FakeServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      respond(entry, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** IAM: issues a fresh random token per login; every answer echoes the request (password included). */
export async function fakeIam(port: number): Promise<FakeServer & { tokens: string[] }> {
  const tokens: string[] = [];
  const server = await fakeServer(port, (seen, res) => {
    const echo = { 'X-Echo': b64(seen.body), 'X-request-id': b64(JSON.stringify(seen.headers)) };
    let projectId = '';
    try {
      projectId = (JSON.parse(seen.body) as { auth: { scope: { project: { id: string } } } }).auth
        .scope.project.id;
    } catch {
      // not a login request: refused below
    }
    if (!projectId || projectId === REFUSED_PROJECT) {
      res.writeHead(401, { ...echo, 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 401,
            title: 'Unauthorized',
            message: `Wrong password ${PASSWORD} in ${seen.body}`,
          },
        }),
      );
      return;
    }
    const token = `MIIE${randomBytes(48).toString('base64')}`;
    tokens.push(token);
    res.writeHead(201, { ...echo, 'X-Subject-Token': token, 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        token: { expires_at: new Date(Date.now() + 3600_000).toISOString() },
        echo: seen.body,
      }),
    );
  });
  return Object.assign(server, { tokens });
}

/** SFS Turbo: answers jobs; the echo jobs hand the request headers back. */
export async function fakeUpstream(port: number): Promise<FakeServer> {
  return fakeServer(port, (seen, res) => {
    const jobId = seen.url.split('/').pop() ?? '';
    const token = String(seen.headers['x-auth-token'] ?? '');
    const job = {
      job_id: jobId,
      job_type: 'create_share',
      status: 'success',
      begin_time: '2024-05-01 10:00:00',
      end_time: '2024-05-01 10:01:00',
    };
    if (jobId === JOB.echoEverywhere) {
      res.writeHead(500, {
        'Content-Type': 'text/html',
        'X-request-id': token,
        'Retry-After': encodeURIComponent(token),
        'X-Echo': b64(JSON.stringify(seen.headers)),
      });
      res.end(`<pre>debug: ${b64(JSON.stringify(seen.headers))}</pre>`);
      return;
    }
    const encoded = jobId.startsWith('echo-')
      ? ENCODED_ECHOES[jobId.slice('echo-'.length)]
      : undefined;
    if (encoded) {
      const { headers, body } = encoded(token);
      res.writeHead(500, { ...headers, 'X-request-id': 'req-echo-1' });
      res.end(body);
      return;
    }
    if (jobId === JOB.halfRequestId) {
      // The longest run that fits a request ID's shape, at most half the token.
      const runs = token.slice(0, Math.ceil(token.length / 2)).match(/[A-Za-z0-9]+/g) ?? [];
      const half = runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '');
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-request-id': half });
      res.end(JSON.stringify(job));
      return;
    }
    if (jobId === JOB.echoHeaders) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-request-id': `req-${token}`,
        'Retry-After': b64(token),
      });
      res.end(JSON.stringify(job));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-request-id': 'req-plain-1' });
    res.end(JSON.stringify(job));
  });
}

export interface Desk {
  url: string;
  /** Everything the dashboard process wrote (the access log included). */
  log(): string;
  close(): Promise<void>;
}

/** The built dashboard (`npm run build` first), configured by `env`, on `port`. */
export async function startDesk(port: number, env: Record<string, string>): Promise<Desk> {
  let output = '';
  const [command = 'node', ...args] = START_COMMAND.split(' ');
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...simulatedPreviewEnv(port, 0), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard did not start:\n${output}`);
    const ready = await fetch(`${url}/api/regions`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline)
      throw new Error(`the dashboard did not answer within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    log: () => output,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Whether a text holds any run of `length` characters of the secret (a half-echoed token). */
export function holdsPartOf(text: string, secret: string, length = 12): boolean {
  for (let start = 0; start + length <= secret.length; start += 1) {
    if (text.includes(secret.slice(start, start + length))) return true;
  }
  return false;
}

/**
 * Whether a text holds the secret: plainly, percent-encoded, or inside any base64 run
 * (decoded at every alignment). Written independently of the server's leak check.
 */
export function holdsSecret(text: string, secret: string): boolean {
  if (text.includes(secret) || text.includes(encodeURIComponent(secret))) return true;
  try {
    if (decodeURIComponent(text).includes(secret)) return true;
  } catch {
    // not percent-encoded text
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}/g) ?? []) {
    for (let skip = 0; skip < 4; skip += 1) {
      const decoded = Buffer.from(
        run.slice(skip),
        run.includes('-') || run.includes('_') ? 'base64url' : 'base64',
      ).toString('latin1');
      if (decoded.includes(secret)) return true;
    }
  }
  return false;
}
