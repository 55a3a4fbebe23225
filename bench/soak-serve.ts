/**
 * The server side of `npm run bench:soak`, in its own process so that its memory is measured
 * alone: the server exactly as `npm start` builds it (server/http/app.ts: with nothing
 * configured, the embedded simulator as upstream, in this process too), serving a small
 * stand-in for the build; the load is on /api only.
 *
 * Prints one JSON line with its URL when ready. On stdin, `mem` answers with
 * process.memoryUsage() after a full GC (run with --expose-gc, so that the heap figure is
 * what is live rather than what the collector has not reached yet) and the number of
 * access-log lines so far; the server stops when stdin closes.
 */
import { createInterface } from 'node:readline';
import { startApp } from '../server/testing/app.ts';

async function main(): Promise<void> {
  let logLines = 0;
  // The simulated default: no endpoint, no credentials, a free simulator port.
  const app = await startApp(
    { SFS_TURBO_REGION: 'eu-de' },
    {
      fakeDist: true,
      // Built as in production; not written, since how fast stdout drains is not the proxy's.
      logDestination: { write: (line: string) => void (logLines += line.length > 0 ? 1 : 0) },
    },
  );
  app.server.server.keepAliveTimeout = 65_000;
  console.log(JSON.stringify({ url: app.url, pid: process.pid }));

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() !== 'mem') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    console.log(JSON.stringify({ rss, heapUsed, heapTotal, external, logLines }));
  });
  input.on('close', () => {
    void app.close().then(() => process.exit(0));
  });
}

void main();
