import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** Where a request goes, already split the way `http.request` wants it (no URL parsing per request). */
export interface UpstreamTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  /** Path and query, e.g. `/v1/{project}/sfs-turbo/jobs/{job}`. */
  path: string;
}

export function targetOf(url: URL): UpstreamTarget {
  return {
    protocol: url.protocol === 'https:' ? 'https:' : 'http:',
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port,
    path: `${url.pathname}${url.search}`,
  };
}

export interface UpstreamRequest {
  target: UpstreamTarget;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  /** Only for POST (the IAM login). */
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  /**
   * Called once with a function that abandons the request (the browser went away). A plain
   * callback rather than an AbortSignal: this is on every request's path, and an
   * AbortController costs more than the rest of the proxy's own work.
   */
  onCancel?: (cancel: () => void) => void;
}

export type UpstreamFailure = 'timeout' | 'unreachable' | 'too-large' | 'aborted';

export type UpstreamResult =
  | {
      ok: true;
      status: number;
      headers: IncomingHttpHeaders;
      contentType: string | undefined;
      requestId: string | undefined;
      body: Buffer;
      ms: number;
    }
  | { ok: false; reason: UpstreamFailure; detail: string; ms: number };

// Keep-alive matters: the proxy's latency budget is below a millisecond, a TCP (or TLS)
// handshake per poll would eat it.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One HTTP exchange with a complete, size-capped body, or a classified failure. Never rejects.
 * The timeout covers the whole exchange (connect, headers and body), not just idle time.
 */
export function requestUpstream(request: UpstreamRequest): Promise<UpstreamResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  const { target } = request;
  const isHttps = target.protocol === 'https:';
  const transport = isHttps ? https : http;
  const agent = agents[isHttps ? 'https:' : 'http:'];

  return new Promise((resolve) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    const finish = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: UpstreamFailure, detail: string) => {
      if (settled) return; // a late cancel must not touch a socket already back in the pool
      finish({ ok: false, reason, detail, ms: elapsed() });
      current?.destroy();
    };
    const timer = setTimeout(
      () => fail('timeout', `no complete answer within ${request.timeoutMs} ms`),
      request.timeoutMs,
    );
    const onAbort = () => fail('aborted', 'the client went away');

    const send = (mayRetry: boolean) => {
      const outgoing = transport.request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: request.method,
        headers: request.headers,
        // The retry gets a connection of its own: the other idle sockets in the pool may have
        // been closed by the upstream at the same moment (bench:soak saw it under load).
        agent: mayRetry ? agent : false,
      });
      current = outgoing;
      let answered = false;

      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the upstream closed just as we reused it: the request never
        // reached the upstream, so sending it once more is safe (the pattern Node's
        // documentation recommends for `reusedSocket`).
        const stale = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        if (mayRetry && !answered && !settled && outgoing.reusedSocket && stale) {
          send(false);
          return;
        }
        fail('unreachable', error.code ?? error.message);
      });

      outgoing.on('response', (incoming) => {
        answered = true;
        const declared = Number(incoming.headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxBytes) {
          fail('too-large', `declared ${declared} bytes, limit ${request.maxBytes}`);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            fail('too-large', `more than ${request.maxBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', (error: NodeJS.ErrnoException) =>
          fail('unreachable', error.code ?? error.message),
        );
        incoming.on('close', () => {
          if (!incoming.complete) fail('unreachable', 'connection reset while reading the answer');
        });
        incoming.on('end', () => {
          finish({
            ok: true,
            status: incoming.statusCode ?? 502,
            headers: incoming.headers,
            contentType: headerValue(incoming.headers['content-type']),
            requestId: headerValue(incoming.headers['x-request-id']),
            body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size),
            ms: elapsed(),
          });
        });
      });

      outgoing.end(request.body);
    };

    request.onCancel?.(onAbort);
    if (!settled) send(true);
  });
}
