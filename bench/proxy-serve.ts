/**
 * One side of the proxy benchmark, in its own process so that the load generator, the proxy
 * and the simulator do not share an event loop:
 *   tsx bench/proxy-serve.ts simulator          → the embedded simulator on 127.0.0.1
 *   tsx bench/proxy-serve.ts proxy <simulator>  → the real API handler, mounted as in Vite
 *                                                 preview (security headers, then the API)
 * Prints one JSON line with its URL when ready; answers each `stats` line on stdin with its CPU
 * time and request count so far (for CPU per request, which contention on a shared machine
 * does not distort the way it distorts latency); stops when stdin closes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { loadConfig } from '../server/config.ts';
import { noCredentials } from '../server/credentials/provider.ts';
import { createApiHandler, formatAccessLog } from '../server/proxy/handler.ts';
import { apiMiddleware } from '../server/proxy/middleware.ts';
import { SECURITY_HEADERS, securityHeadersMiddleware } from '../server/security-headers.ts';
import { demoJobs, startSimulator } from '../server/simulator/simulator.ts';

const [role, simulatorUrl] = process.argv.slice(2);

async function main(): Promise<void> {
  if (role === 'simulator') {
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
    const job = demoJobs()[0];
    console.log(
      JSON.stringify({ url: simulator.url, projectId: job?.projectId, jobId: job?.jobId }),
    );
    answerStats(
      () => simulator.simulator.stats().total,
      () => void simulator.close().then(() => process.exit(0)),
    );
    return;
  }
  if (role === 'proxy' && simulatorUrl) {
    let lines = 0;
    const handler = createApiHandler({
      config: loadConfig({}),
      credentials: noCredentials,
      simulatorUrl,
      // The line is formatted as in production; writing it is left out, since how fast a
      // terminal or log collector drains stdout is not the proxy's overhead.
      log: (entry) => {
        lines += formatAccessLog(entry).length > 0 ? 1 : 0;
      },
    });
    const headers = securityHeadersMiddleware(SECURITY_HEADERS);
    const api = apiMiddleware(handler);
    const server = http.createServer((req, res) =>
      headers(req, res, () =>
        api(req, res, () => {
          res.writeHead(404).end();
        }),
      ),
    );
    server.keepAliveTimeout = 65_000;
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
    });
    answerStats(
      () => lines,
      () => process.exit(0),
    );
    return;
  }
  console.error('usage: proxy-serve.ts simulator | proxy <simulator-url>');
  process.exit(2);
}

function answerStats(requests: () => number, stop: () => void): void {
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() !== 'stats') return;
    const cpu = process.cpuUsage();
    console.log(
      JSON.stringify({ cpuUs: cpu.user + cpu.system, userUs: cpu.user, requests: requests() }),
    );
  });
  input.on('close', stop);
}

void main();
