import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, SCENARIO } from '../simulator/simulator.ts';

const CLI = fileURLToPath(new URL('./simulator.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  // Runs that are meant to fail never listen; their rejection is expected, not unhandled.
  url.catch(() => undefined);
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

// Each test starts Node with the tsx loader: seconds each on a busy machine.
describe('npm run simulator', { timeout: 60_000 }, () => {
  it('starts, prints the URL and example requests, serves jobs and stops cleanly on SIGTERM', async () => {
    const cli = run(['--port', '0']);
    const url = await cli.url;
    expect(cli.output().stdout).toContain(
      `curl -s ${url}/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.running}`,
    );
    // The dashboard pointed at it stays simulated (banner, demo jobs): not a bare endpoint.
    expect(cli.output().stdout).toContain(
      `SFS_TURBO_SIMULATOR=1 SFS_TURBO_ENDPOINT=${url} npm run dev`,
    );
    const response = await fetch(`${url}/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.success}`);
    expect(response.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('with --auth prints the demo user and requires a token', async () => {
    const cli = run(['--port', '0', '--auth', '--token-ttl', '60']);
    const url = await cli.url;
    expect(cli.output().stdout).toMatch(/Demo user: demo \/ demo-password, domain demo-domain/);
    expect(cli.output().stdout).toContain('lifetime 60 s');
    expect(
      (await fetch(`${url}/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.success}`)).status,
    ).toBe(401);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('takes the port from PORT', async () => {
    const cli = run([], { PORT: '0' });
    expect(await cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('refuses bad arguments with a usage message and exit code 2', async () => {
    const runs = [['--port', 'abc'], ['--nope'], ['--token-ttl', '0']].map((args) => ({
      args,
      cli: run(args),
    }));
    for (const { args, cli } of runs) {
      expect(await cli.exited, args.join(' ')).toBe(2);
      expect(cli.output().stderr).toContain('Usage: npm run simulator');
    }
  });
});
