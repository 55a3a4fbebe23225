import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeDist, startApp } from '../testing/app.ts';
import { fakeUpstream, jobPath, rawRequest } from '../testing/servers.ts';

const TOKEN = 'log-test-token-0123456789abcdef';
const ACCESS_KEY = 'LOGTESTACCESSKEY0123';
const SECRET_KEY = 'log-test-secret-key-0123456789abcdef';

afterEach(() => vi.restoreAllMocks());

/**
 * A whole run of the server (every kind of request, upstream answers that echo what they were
 * sent, failures), with everything it writes anywhere collected: its access log, stdout and
 * stderr. No credential may appear in any of it.
 */
async function wholeRun(env: Record<string, string>) {
  const written: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(
      (chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return write(chunk, ...(rest as []));
      },
    );
  }
  let sentAuthorization = '';
  // Answers with what it received: a debug page of a gateway, a 401, a 500.
  const upstream = await fakeUpstream((req, res) => {
    sentAuthorization = String(req.headers.authorization ?? req.headers['x-auth-token'] ?? '');
    const status = req.url?.endsWith('-401') ? 401 : req.url?.endsWith('-500') ? 500 : 200;
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-request-id': 'r-1' });
    res.end(JSON.stringify({ echo: req.headers, job_id: 'x', status: 'running' }));
  });
  const dist = fakeDist();
  const server = await startApp({
    SFS_TURBO_DIST: dist.dir,
    SFS_TURBO_ENDPOINT: upstream.url,
    ...env,
  });
  try {
    const cookie = 'Cookie: session=abc; other=def\r\nAuthorization: Bearer browser-sent\r\n';
    for (const target of [
      jobPath(),
      jobPath('eu-de', undefined, 'job-401'),
      jobPath('eu-de', undefined, 'job-500'),
      '/api/regions',
      '/api/nope',
      `${jobPath()}?x=1`,
      '/',
      '/eu-de/projects/x/jobs/y',
      '/assets/missing.js',
      '/healthz',
      '/readyz',
      '/metrics',
    ]) {
      await rawRequest(server.port, target, 'GET', cookie);
    }
    await expect.poll(() => server.lines.length).toBe(12);
    return {
      log: [...server.lines.map((line) => JSON.stringify(line)), ...written].join('\n'),
      lines: server.lines,
      sentAuthorization,
    };
  } finally {
    await server.close();
    await upstream.close();
    dist.remove();
  }
}

describe('the access log of a whole run', () => {
  it('holds one JSON line per request and never the IAM token', async () => {
    const { log, lines } = await wholeRun({ OS_TOKEN: TOKEN });
    expect(lines).toHaveLength(12);
    expect(lines.filter((line) => line.route === 'api:job')).toHaveLength(3);
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('session=abc');
    expect(log).not.toContain('browser-sent');
  });

  it('never holds the AK/SK secret, nor the signature made with it', async () => {
    const { log, sentAuthorization } = await wholeRun({
      OS_ACCESS_KEY: ACCESS_KEY,
      OS_SECRET_KEY: SECRET_KEY,
    });
    const signature = /Signature=([0-9a-f]+)/.exec(sentAuthorization)?.[1];
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(log).not.toContain(SECRET_KEY);
    expect(log).not.toContain(signature);
  });

  it('redacts credential-named fields by configuration, whatever logs them', async () => {
    const { createAccessLogger } = await import('./access-log.ts');
    const out: string[] = [];
    const logger = createAccessLogger({ write: (line: string) => void out.push(line) });
    logger.info({
      headers: { authorization: TOKEN, cookie: 'session=abc' },
      upstream: { token: TOKEN },
    });
    logger.flush();
    expect(out.join('')).not.toContain(TOKEN);
    expect(out.join('')).not.toContain('session=abc');
    expect(out.join('')).toContain('[redacted]');
  });
});
