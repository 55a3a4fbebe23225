import http from 'node:http';
import https from 'node:https';

export interface UpstreamRequest {
  url: URL;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
}

export type UpstreamResult =
  | {
      ok: true;
      status: number;
      contentType: string | undefined;
      requestId: string | undefined;
      body: Buffer;
      ms: number;
    }
  | { ok: false; reason: 'timeout' | 'unreachable' | 'too-large' | 'aborted'; detail: string; ms: number };

// Keep-alive matters: the proxy's latency budget is below a millisecond, a TCP (or TLS)
// handshake per poll would eat it.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function requestUpstream(request: UpstreamRequest): Promise<UpstreamResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  const transport = request.url.protocol === 'https:' ? https : http;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const outgoing = transport.request(request.url, {
      method: request.method,
      headers: request.headers,
      agent: agents[request.url.protocol === 'https:' ? 'https:' : 'http:'],
    });

    const fail = (reason: 'timeout' | 'unreachable' | 'too-large' | 'aborted', detail: string) => {
      finish({ ok: false, reason, detail, ms: elapsed() });
      outgoing.destroy();
    };
    const timer = setTimeout(
      () => fail('timeout', `no complete answer within ${request.timeoutMs} ms`),
      request.timeoutMs,
    );
    const onAbort = () => fail('aborted', 'the client went away');
    request.signal.addEventListener('abort', onAbort);

    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      fail('unreachable', error.code ?? error.message);
    });

    outgoing.on('response', (incoming) => {
      const declared = Number(incoming.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        incoming.destroy();
        fail('too-large', `declared ${declared} bytes`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          incoming.destroy();
          fail('too-large', `more than ${request.maxBytes} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('error', (error: NodeJS.ErrnoException) => fail('unreachable', error.code ?? error.message));
      incoming.on('aborted', () => fail('unreachable', 'connection reset while reading the answer'));
      incoming.on('end', () => {
        finish({
          ok: true,
          status: incoming.statusCode ?? 502,
          contentType: headerValue(incoming.headers['content-type']),
          requestId: headerValue(incoming.headers['x-request-id']),
          body: Buffer.concat(chunks, size),
          ms: elapsed(),
        });
      });
    });

    if (request.signal.aborted) onAbort();
    else outgoing.end();
  });
}
