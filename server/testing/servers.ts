/**
 * Test helpers: tiny real HTTP servers on 127.0.0.1 (port 0) and raw-socket requests, so
 * that proxy tests exercise real sockets, real parsing and real timing.
 */
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
export const JOB = '26f6b565-xxxx-XXXX-xxxx-03f0bd975433';
export const jobPath = (region = 'eu-de', project = PROJECT, job = JOB) =>
  `/api/${region}/v1/${project}/sfs-turbo/jobs/${job}`;

/** Anything a test starts and must stop (`afterEach` closes what it tracked). */
export interface Closable {
  close(): Promise<void>;
}

export interface Running extends Closable {
  url: string;
  port: number;
  server: http.Server;
}

/** A port free on 127.0.0.1 now, for a server another process (or program) will start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Listens on 127.0.0.1, on `port` (0: a free one). */
export async function listen(listener: RequestListener, port = 0): Promise<Running> {
  const server = http.createServer(listener);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** An upstream that records what reached it and answers with `respond` (default: a job). */
export async function fakeUpstream(
  respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-request-id': 'req-1' });
    res.end(JSON.stringify({ job_id: JOB, status: 'running' }));
  },
): Promise<Running & { seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const running = await listen((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    respond(req, res);
  });
  return Object.assign(running, { seen });
}

/** A closed port: something listened there a moment ago. */
export async function closedPort(): Promise<number> {
  const running = await listen(() => undefined);
  await running.close();
  return running.port;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

/** Sends bytes exactly as given (no client-side normalisation) and reads one response. */
export function rawRequest(
  port: number,
  target: string,
  method = 'GET',
  extraHeaders = '',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: rest.join('\r\n\r\n'),
        raw,
      });
    });
    const host = /^host:/im.test(extraHeaders) ? '' : `Host: 127.0.0.1:${port}\r\n`;
    socket.write(`${method} ${target} HTTP/1.1\r\n${host}Connection: close\r\n${extraHeaders}\r\n`);
  });
}

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; the caller looks at text
  }
  return { status: response.status, headers: response.headers, body, text };
}
