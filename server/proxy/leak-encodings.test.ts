import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { staticToken } from '../credentials/provider.ts';
import { startApi } from '../testing/app.ts';
import { fakeUpstream, jobPath, rawRequest } from '../testing/servers.ts';
import { HEADER_SHAPES } from './pass-on.ts';

/*
 * Issue 19, item 2: echoes that are only encoded differently. The real handler behind a real
 * server, an upstream that hands the token back in each encoding; the browser must get
 * 502 PROXY.UPSTREAM_LEAK (or a clean header), never the token, and the log no part of it.
 */
const TOKEN = 'MIIEcredential+token/0123456789abcdefghij+/xyz==';

const cleanup: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((s) => s.close()));
});

async function echoing(
  respond: (token: string, req: IncomingMessage, res: ServerResponse) => void,
) {
  const upstream = await fakeUpstream((req, res) =>
    respond(String(req.headers['x-auth-token']), req, res),
  );
  cleanup.push(upstream);
  const proxy = await startApi({
    config: { endpointOverride: upstream.url },
    credentials: staticToken(TOKEN, 'OS_TOKEN'),
  });
  cleanup.push(proxy);
  return { upstream, proxy };
}

const wrap = (text: string, columns: number, eol: string) =>
  (text.match(new RegExp(`.{1,${columns}}`, 'g')) ?? []).join(eol);
const uEscaped = (text: string) =>
  Array.from(
    { length: text.length },
    (_, i) => `\\u${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`,
  ).join('');

/** A body, its Content-Type and, when it has one, its Content-Encoding. */
type Echo = (token: string) => { body: Buffer | string; type?: string; encoding?: string };
const json = (token: string) =>
  JSON.stringify({ job_id: 'j-1', status: 'failed', fail_reason: `echo ${token}` });

const ECHOES: Record<string, Echo> = {
  'JSON with + as \\u002B (as .NET writes it)': (t) => ({
    body: json(t).replace(/\+/g, '\\u002B'),
  }),
  'JSON with every character \\u-escaped': (t) => ({ body: `{"fail_reason":"${uEscaped(t)}"}` }),
  'JSON with the token as a \\u-escaped key': (t) => ({ body: `{"${uEscaped(t)}":true}` }),
  'hex, lower case': (t) => ({ body: `{"dump":"${Buffer.from(t).toString('hex')}"}` }),
  'hex, upper case': (t) => ({
    body: `{"dump":"${Buffer.from(t).toString('hex').toUpperCase()}"}`,
  }),
  'UTF-16LE': (t) => ({
    body: Buffer.from(json(t), 'utf16le'),
    type: 'application/json; charset=utf-16le',
  }),
  'UTF-16BE': (t) => ({
    body: Buffer.from(json(t), 'utf16le').swap16(),
    type: 'application/json; charset=utf-16be',
  }),
  'HTML named references': (t) => ({
    body: `<pre>${t.replace(/\+/g, '&plus;').replace(/\//g, '&sol;').replace(/=/g, '&equals;')}</pre>`,
    type: 'text/html',
  }),
  'HTML decimal references': (t) => ({
    body: `<pre>${[...t].map((c) => `&#${c.charCodeAt(0)};`).join('')}</pre>`,
    type: 'text/html',
  }),
  'HTML hex references': (t) => ({
    body: `<pre>${[...t].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')}</pre>`,
    type: 'text/html',
  }),
  'base64 wrapped at 64 columns': (t) => ({
    body: wrap(Buffer.from(`X-Auth-Token: ${t}\n`.repeat(3)).toString('base64'), 64, '\n'),
    type: 'text/plain',
  }),
  'base64 wrapped at 76 columns': (t) => ({
    body: wrap(Buffer.from(`X-Auth-Token: ${t}\r\n`.repeat(3)).toString('base64'), 76, '\r\n'),
    type: 'text/plain',
  }),
  'gzip body': (t) => ({ body: gzipSync(json(t)), encoding: 'gzip' }),
  'deflate body (zlib)': (t) => ({ body: deflateSync(json(t)), encoding: 'deflate' }),
  'raw deflate body, sent as deflate': (t) => ({
    body: deflateRawSync(json(t)),
    encoding: 'deflate',
  }),
  'brotli body': (t) => ({ body: brotliCompressSync(json(t)), encoding: 'br' }),
  'gzip, then brotli': (t) => ({
    body: brotliCompressSync(gzipSync(json(t))),
    encoding: 'gzip, br',
  }),
  'gzip of HTML-escaped, \\u-escaped JSON': (t) => ({
    body: gzipSync(`<pre>${json(t).replace(/\+/g, '\\u002B').replace(/"/g, '&quot;')}</pre>`),
    type: 'text/html',
    encoding: 'gzip',
  }),
};

describe('a token echoed in another encoding', () => {
  for (const [name, echo] of Object.entries(ECHOES)) {
    it(`answers 502 PROXY.UPSTREAM_LEAK for ${name}`, async () => {
      let sent = '';
      const { proxy } = await echoing((token, _req, res) => {
        sent = token;
        const { body, type = 'application/json', encoding } = echo(token);
        res.writeHead(500, {
          'Content-Type': type,
          'X-request-id': 'req-1',
          ...(encoding ? { 'Content-Encoding': encoding } : {}),
        });
        res.end(body);
      });
      const answer = await rawRequest(proxy.port, jobPath());
      expect(sent).toBe(TOKEN);
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.upstreamLeak });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(proxy.log[0]).toMatchObject({ status: 502, code: PROXY_ERROR.upstreamLeak });
    });
  }
});

describe('encoded answers', () => {
  const job = JSON.stringify({
    job_id: 'j-1',
    status: 'running',
    sub_jobs: [{ job_id: 'sub-1', status: 'success' }],
  });

  it.each([
    ['gzip', gzipSync(job)],
    ['x-gzip', gzipSync(job)],
    ['deflate', deflateSync(job)],
    ['deflate', deflateRawSync(job)],
    ['br', brotliCompressSync(job)],
    ['gzip, br', brotliCompressSync(gzipSync(job))],
    ['identity', Buffer.from(job)],
  ] as const)(
    'asks for identity, and decodes a %s body before passing it on without the header',
    async (encoding, body) => {
      const { upstream, proxy } = await echoing((_token, _req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Encoding': encoding,
          'X-request-id': 'req-2',
        });
        res.end(body);
      });
      const answer = await rawRequest(proxy.port, jobPath());
      expect(upstream.seen[0]?.headers['accept-encoding']).toBe('identity');
      expect([answer.status, answer.body]).toEqual([200, job]);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(job)));
      expect(answer.headers['x-request-id']).toBe('req-2');
    },
  );

  it('answers HEAD from an upstream that names the coding of the GET body it did not send', async () => {
    const { proxy } = await echoing((_token, _req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': '120',
      });
      res.end();
    });
    const answer = await rawRequest(proxy.port, jobPath(), 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  it('answers 502 PROXY.UPSTREAM_TOO_LARGE for a body that inflates past the cap (a decompression bomb)', async () => {
    // 64 MiB of zeros in about 64 kB: the cap is 1 MiB, and zlib stops there.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { proxy } = await echoing((_token, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    const before = process.memoryUsage().arrayBuffers;
    const answer = await rawRequest(proxy.port, jobPath());
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.tooLarge });
    expect(JSON.parse(answer.body).errMsg).toContain('once decoded');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it.each([
    ['zstd', Buffer.from('(\u00b5/\u00fd not really zstd')],
    ['compress', Buffer.from('not really compress')],
    ['gzip', Buffer.from('{"status":"not gzip at all"}')],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff])],
  ])(
    'refuses a %s body it cannot decode with 502, never passing the bytes on',
    async (encoding, body) => {
      const { proxy } = await echoing((_token, _req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
        res.end(body);
      });
      const answer = await rawRequest(proxy.port, jobPath());
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.unreachable });
      expect(JSON.parse(answer.body).errMsg).toContain('cannot read');
      expect(answer.raw).not.toContain(body.toString('latin1'));
    },
  );
});

describe('upstream headers, by an allow-list with shapes', () => {
  it.each([
    ['x-request-id', '6c2b8e3f9a0d4e1f8b7c6d5e4f3a2b1c', true],
    ['x-request-id', 'req-42', true],
    ['x-request-id', 'req 42', false],
    ['x-request-id', 'req_42', false],
    ['x-request-id', 'abc+def/ghi=', false],
    ['x-request-id', 'a'.repeat(129), false],
    ['retry-after', '3', true],
    ['retry-after', 'Wed, 21 Oct 2026 07:28:00 GMT', true],
    ['retry-after', '3.5', false],
    ['retry-after', 'soon', false],
    ['retry-after', 'Wednesday, 21-Oct-26 07:28:00 GMT', false],
    ['content-type', 'application/json', true],
    ['content-type', 'application/json; charset=utf-8', true],
    ['content-type', 'text/html;charset="UTF-8"', true],
    ['content-type', 'application/json; x=MIIEabc', false],
  ] as const)('%s %j passes: %s', (header, value, passes) => {
    expect(HEADER_SHAPES[header].test(value)).toBe(passes);
  });

  it('drops a request ID holding half the token, counts it, and keeps every part of it out of the log', async () => {
    const half = TOKEN.slice(0, TOKEN.length / 2).replace(/[^A-Za-z0-9]/g, '');
    const { proxy } = await echoing((_token, _req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-request-id': half,
        'Retry-After': `${half}`,
      });
      res.end('{"status":"running"}');
    });
    expect(HEADER_SHAPES['x-request-id'].test(half)).toBe(true);
    const answer = await rawRequest(proxy.port, jobPath());
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBeUndefined();
    expect(answer.headers['retry-after']).toBeUndefined();
    expect(answer.raw).not.toContain(half.slice(0, 12));
    expect(proxy.log[0]?.upstreamRequestId).toBeNull();
    expect(proxy.log[0]?.upstreamHeadersDropped).toBe('x-request-id:secret,retry-after:shape');
    expect(JSON.stringify(proxy.lines)).not.toContain(half.slice(0, 12));
  });

  it('drops an X-request-id or Retry-After of another shape, and says so in the entry', async () => {
    const { proxy } = await echoing((_token, _req, res) => {
      res.writeHead(503, {
        'Content-Type': 'application/json',
        'X-request-id': '<script>',
        'Retry-After': '1e9',
      });
      res.end('{"error_code":"SFS.TURBO.0001"}');
    });
    const answer = await rawRequest(proxy.port, jobPath());
    expect(answer.status).toBe(503);
    expect(answer.headers['x-request-id']).toBeUndefined();
    expect(answer.headers['retry-after']).toBeUndefined();
    expect(proxy.log[0]?.upstreamHeadersDropped).toBe('x-request-id:shape,retry-after:shape');
  });
});
