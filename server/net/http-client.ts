import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

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
  /** The most bytes the body may have, as sent and once decoded (a decompression bomb stops here). */
  maxBytes: number;
  /**
   * Called once with a function that abandons the request (the browser went away). A plain
   * callback rather than an AbortSignal: this is on every request's path, and an
   * AbortController costs more than the rest of the proxy's own work.
   */
  onCancel?: (cancel: () => void) => void;
}

/** `undecodable`: a Content-Encoding the proxy does not read, or bytes that are not what it says. */
export type UpstreamFailure = 'timeout' | 'unreachable' | 'too-large' | 'undecodable' | 'aborted';

export type UpstreamResult =
  | {
      ok: true;
      status: number;
      headers: IncomingHttpHeaders;
      contentType: string | undefined;
      requestId: string | undefined;
      /** Decoded: whatever Content-Encoding the upstream used has been undone. */
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

type Decoder = (body: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>;
const gunzip: Decoder = promisify(zlib.gunzip);
const inflate: Decoder = promisify(zlib.inflate);
const inflateRaw: Decoder = promisify(zlib.inflateRaw);
const brotli: Decoder = promisify(zlib.brotliDecompress);

/**
 * `deflate` is the zlib format by the standard, but servers send raw deflate under that name
 * too (as browsers accept): the zlib header tells them apart.
 */
const deflate: Decoder = (body, options) => {
  const [first = 0, second = 0] = body;
  const zlibHeader = (first & 0x0f) === 8 && first >> 4 <= 7 && ((first << 8) | second) % 31 === 0;
  return (zlibHeader ? inflate : inflateRaw)(body, options);
};

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate,
  br: brotli,
};

/** The codings of a Content-Encoding, in the order applied (`identity` says none), lower case. */
function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

type Decoded = { ok: true; body: Buffer } | { ok: false; reason: UpstreamFailure; detail: string };

/**
 * The body with its codings undone, last applied first, each result no larger than
 * `maxBytes` (zlib stops inflating there: a small bomb never becomes a large buffer).
 */
async function decodeBody(
  body: Buffer,
  codings: readonly string[],
  maxBytes: number,
): Promise<Decoded> {
  let decoded = body;
  for (const coding of [...codings].reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder)
      return {
        ok: false,
        reason: 'undecodable',
        detail: `Content-Encoding ${coding} is not one the proxy reads`,
      };
    try {
      decoded = await decoder(decoded, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return {
          ok: false,
          reason: 'too-large',
          detail: `more than ${maxBytes} bytes once decoded (${coding})`,
        };
      }
      return { ok: false, reason: 'undecodable', detail: `the body is not valid ${coding}` };
    }
  }
  return { ok: true, body: decoded };
}

interface Exchange {
  fail: (reason: UpstreamFailure, detail: string) => void;
  finish: (result: UpstreamResult) => void;
  /** The whole body is in: from here the socket may serve another request. */
  markReceived: () => void;
  elapsed: () => number;
}

/** Reads an answer's body, no more than `maxBytes`, undoes its codings and settles the exchange. */
function readAnswer(incoming: http.IncomingMessage, maxBytes: number, exchange: Exchange): void {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    exchange.fail('too-large', `declared ${declared} bytes, limit ${maxBytes}`);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  incoming.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      exchange.fail('too-large', `more than ${maxBytes} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  incoming.on('error', (error: NodeJS.ErrnoException) =>
    exchange.fail('unreachable', error.code ?? error.message),
  );
  incoming.on('close', () => {
    if (!incoming.complete)
      exchange.fail('unreachable', 'connection reset while reading the answer');
  });
  incoming.on('end', () => {
    exchange.markReceived();
    const raw = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
    const answered = (body: Buffer) =>
      exchange.finish({
        ok: true,
        status: incoming.statusCode ?? 502,
        headers: incoming.headers,
        contentType: headerValue(incoming.headers['content-type']),
        requestId: headerValue(incoming.headers['x-request-id']),
        body,
        ms: exchange.elapsed(),
      });
    const codings = contentCodings(incoming.headers['content-encoding']);
    // An empty body has nothing to decode (HEAD, 204, 304 carry the header of the GET).
    if (codings.length === 0 || raw.length === 0) {
      answered(raw);
      return;
    }
    void decodeBody(raw, codings, maxBytes).then((decoded) => {
      if (decoded.ok) answered(decoded.body);
      else exchange.fail(decoded.reason, decoded.detail);
    });
  });
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
    // Set once the whole body is in: the socket may be back in the pool, serving another
    // request, while the body is decoded, so a timeout or a cancel then must leave it alone.
    let received = false;
    const finish = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: UpstreamFailure, detail: string) => {
      if (settled) return; // a late cancel must not touch a socket already back in the pool
      finish({ ok: false, reason, detail, ms: elapsed() });
      if (!received) current?.destroy();
    };
    const timer = setTimeout(
      () => fail('timeout', `no complete answer within ${request.timeoutMs} ms`),
      request.timeoutMs,
    );
    const onAbort = () => fail('aborted', 'the client went away');
    const exchange: Exchange = {
      fail,
      finish,
      markReceived: () => {
        received = true;
      },
      elapsed,
    };

    const send = (mayRetry: boolean) => {
      const outgoing = transport.request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: request.method,
        // Asked for plain bytes: the leak check reads what the body means, and a body passed
        // on without its Content-Encoding would be garbage to the browser. What comes encoded
        // anyway is decoded below.
        headers: { ...request.headers, 'Accept-Encoding': 'identity' },
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
        readAnswer(incoming, request.maxBytes, exchange);
      });

      outgoing.end(request.body);
    };

    request.onCancel?.(onAbort);
    if (!settled) send(true);
  });
}
