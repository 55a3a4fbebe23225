/**
 * The server side of `npm run bench:soak`, in its own process so that its memory is measured
 * alone: the proxy exactly as `npm start` builds it (createProxyRuntime: with nothing
 * configured, the embedded simulator as upstream, in this process too), mounted as Vite
 * preview mounts it (API first, then the page headers). No Vite, no page assets: only /api.
 *
 * Prints one JSON line with its URL when ready. On stdin, `mem` answers with
 * process.memoryUsage() after a full GC (run with --expose-gc, so that the heap figure is
 * what is live rather than what the collector has not reached yet) and the number of
 * access-log lines so far; the server stops when stdin closes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createProxyRuntime } from '../server/app-server.ts';
import { apiMiddleware } from '../server/proxy/middleware.ts';
import { SECURITY_HEADERS, securityHeadersMiddleware } from '../server/security-headers.ts';

async function main(): Promise<void> {
  let logLines = 0;
  const runtime = await createProxyRuntime({
    // The simulated default: no endpoint, no credentials, a free simulator port.
    env: { SFS_TURBO_REGION: 'eu-de' },
    simulatorPort: 0,
    // Formatted as in production; not written, since how fast stdout drains is not the proxy's.
    log: (line) => {
      logLines += line.length > 0 ? 1 : 0;
    },
  });
  const api = apiMiddleware(runtime.handler);
  const headers = securityHeadersMiddleware(SECURITY_HEADERS);
  const server = http.createServer((req, res) =>
    api(req, res, () =>
      headers(req, res, () => {
        res.writeHead(404).end();
      }),
    ),
  );
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid }));
  });

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() !== 'mem') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    console.log(JSON.stringify({ rss, heapUsed, heapTotal, external, logLines }));
  });
  input.on('close', () => {
    server.closeAllConnections();
    server.close();
    void runtime.close().then(() => process.exit(0));
  });
}

void main();
