/**
 * One side of the proxy benchmark, in its own process so that the load generator, the proxy
 * and the simulator do not share an event loop:
 *   tsx bench/proxy-serve.ts simulator          → the embedded simulator on 127.0.0.1
 *   tsx bench/proxy-serve.ts proxy <simulator>  → the production server (server/http/app.ts)
 *                                                 with that simulator as its upstream
 * Prints one JSON line with its URL when ready; answers each `stats` line on stdin with its CPU
 * time and request count so far (for CPU per request, which contention on a shared machine
 * does not distort the way it distorts latency); stops when stdin closes.
 */
import { createInterface } from 'node:readline';
import { demoJobs, startSimulator } from '../server/simulator/simulator.ts';
import { startApp } from '../server/testing/app.ts';

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
    const app = await startApp(
      {},
      {
        simulatorUrl,
        // Each request makes its own exchange: this measures the proxy's work per request,
        // which identical requests sharing one answer would hide.
        coalesce: false,
        fakeDist: true,
        // Every line is built as in production; writing it is left out, since how fast a
        // terminal or log collector drains stdout is not the proxy's overhead.
        logDestination: { write: (line: string) => void (lines += line.length > 0 ? 1 : 0) },
      },
    );
    app.server.server.keepAliveTimeout = 65_000;
    console.log(JSON.stringify({ url: app.url }));
    answerStats(
      () => lines,
      () => void app.close().then(() => process.exit(0)),
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
