/**
 * `npm run simulator` (this file built into dist-server/simulator.js): the SFS Turbo simulator
 * on its own, for curl, for several dashboard replicas to share (`SFS_TURBO_SIMULATOR=1` with
 * `SFS_TURBO_ENDPOINT`), for password login against its IAM (`--auth`, `OS_AUTH_URL`), or for
 * the contract tests.
 */
import { parseArgs } from 'node:util';
import {
  DEMO_PROJECT_ID,
  DEMO_USER,
  SCENARIO,
  startSimulator,
  type RunningSimulator,
} from '../simulator/simulator.ts';

const USAGE = `Usage: npm run simulator -- [--port N] [--host H] [--auth] [--token-ttl S] [--latency-scale F]

  --port N           port to listen on (default: $PORT, else 8787; 0 picks a free one)
  --host H           address to listen on (default 127.0.0.1)
  --auth             require IAM tokens; the fake IAM at /v3/auth/tokens issues them
  --token-ttl S      token lifetime in seconds with --auth (default 86400)
  --latency-scale F  multiply deliberate delays (the slow scenario) by F (default 1)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min)
    fail(`${name} must be a number ≥ ${min}, not "${value}"`);
  return parsed;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      auth: { type: 'boolean', default: false },
      'token-ttl': { type: 'string' },
      'latency-scale': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const port = number(args.port ?? process.env.PORT, '--port', 8787);
if (!Number.isInteger(port) || port > 65535) fail(`--port must be an integer 0-65535, not ${port}`);
const host = args.host ?? '127.0.0.1';
const tokenTtlSeconds = number(args['token-ttl'], '--token-ttl', 86_400, 1);
const latencyScale = number(args['latency-scale'], '--latency-scale', 1);

// Handlers go in before anything is printed: whoever reads the URL may signal at once.
const started: { simulator?: RunningSimulator } = {};
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping the simulator\n`);
  (started.simulator?.close() ?? Promise.resolve()).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));

const server = await startSimulator({
  port,
  host,
  latencyScale,
  ...(args.auth ? { auth: { tokenTtlSeconds } } : {}),
}).catch((error: unknown) =>
  fail(
    `Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
  ),
);
started.simulator = server;

const job = (id: string) => `${server.url}/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${id}`;
const lines = [
  `SFS Turbo simulator listening on ${server.url}`,
  '',
  `Demo project: ${DEMO_PROJECT_ID}   (scenarios: docs/simulator.md, or GET ${server.url}/__simulator/scenarios)`,
];
if (args.auth) {
  const login = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: DEMO_USER.name,
            password: DEMO_USER.password,
            domain: { name: DEMO_USER.domain },
          },
        },
      },
      scope: { project: { id: DEMO_PROJECT_ID } },
    },
  });
  lines.push(
    `Tokens required (lifetime ${tokenTtlSeconds} s). Demo user: ${DEMO_USER.name} / ${DEMO_USER.password}, domain ${DEMO_USER.domain}`,
    '',
    'Get a token:',
    `  TOKEN=$(curl -si -H 'Content-Type: application/json' '${server.url}/v3/auth/tokens?nocatalog=true' -d '${login}' | awk 'tolower($1)=="x-subject-token:" {print $2}' | tr -d '\\r')`,
    '',
    'A running job (its timeline starts on the first request):',
    `  curl -s -H "X-Auth-Token: $TOKEN" ${job(SCENARIO.running)}`,
    '',
    'Point the dashboard at it:',
    `  SFS_TURBO_ENDPOINT=${server.url} OS_AUTH_URL=${server.url}/v3 OS_USERNAME=${DEMO_USER.name} OS_PASSWORD=${DEMO_USER.password} OS_USER_DOMAIN_NAME=${DEMO_USER.domain} npm run dev`,
  );
} else {
  lines.push(
    'No authentication (start with --auth to require IAM tokens).',
    '',
    'A running job (its timeline starts on the first request):',
    `  curl -s ${job(SCENARIO.running)}`,
    'A failed one, and a lookup failure:',
    `  curl -s ${job(SCENARIO.failed)}`,
    `  curl -si ${job(SCENARIO.notFound)}`,
    'Controls:',
    `  curl -s ${server.url}/__simulator/stats`,
    `  curl -s -X POST ${server.url}/__simulator/advance -d '{"ms": 10000}'`,
    `  curl -s -X POST ${server.url}/__simulator/reset`,
    'Point the dashboard at it (every replica of it, for one shared clock):',
    `  SFS_TURBO_SIMULATOR=1 SFS_TURBO_ENDPOINT=${server.url} npm run dev`,
  );
}
process.stdout.write(`${lines.join('\n')}\n\nCtrl-C stops it.\n`);
