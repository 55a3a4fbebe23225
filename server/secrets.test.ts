import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/config.ts';
import { akskSigner } from './credentials/aksk.ts';
import { passwordLogin } from './credentials/iam-password.ts';
import { staticToken, type CredentialProvider } from './credentials/provider.ts';
import { startApi } from './testing/app.ts';
import {
  fakeUpstream,
  jobPath,
  rawRequest,
  type Running,
  type SeenRequest,
} from './testing/servers.ts';

/*
 * The credential's bytes never reach the browser or the log, whatever the upstream or IAM
 * does — including an upstream that echoes every request header back (debug pages do) and
 * an IAM that quotes the password in its error.
 */
const TOKEN = 'gAAAAAB-static-token-SECRET-0001-abcdefghijklmnop';
const SECRET_KEY = 'SK-SECRET-0002-qrstuvwxyz0123456789ABCDEF';
const PASSWORD = 'pw-SECRET-0003 "quoted" <b>&amp;';
const ISSUED = 'MIIissued-token-SECRET-0004-ghijklmnopqrstuvwxyz';
const WRONG_PASSWORD = `${PASSWORD}-wrong`;
const SECRETS = [TOKEN, SECRET_KEY, PASSWORD, WRONG_PASSWORD, ISSUED];

const forms = (secret: string) => [
  secret,
  JSON.stringify(secret).slice(1, -1),
  encodeURIComponent(secret),
  Buffer.from(secret).toString('base64'),
];

function upstreamBehaviour(req: IncomingMessage, res: ServerResponse): void {
  const job = (req.url ?? '').split('/').pop();
  const headers = JSON.stringify(req.headers);
  switch (job) {
    case 'echo':
      res.writeHead(500, {
        'Content-Type': 'text/html',
        'X-Echo': String(req.headers['x-auth-token'] ?? req.headers.authorization ?? ''),
        'Set-Cookie': `s=${req.headers['x-auth-token'] ?? ''}`,
      });
      res.end(
        `<pre>${headers}\n${req.headers['x-auth-token'] ?? ''}\n${req.headers.authorization ?? ''}</pre>`,
      );
      return;
    case 'unauthorised':
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        '{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail"}',
      );
      return;
    case 'slow':
      return;
    case 'big':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(Buffer.alloc(1024 * 1024 + 10, 0x20));
      return;
    default:
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-request-id': 'r1' });
      res.end('{"status":"success"}');
  }
}

let upstream: Running & { seen: SeenRequest[] };
let iam: Running & { seen: SeenRequest[] };
let issuedCount = 0;
const captured: string[] = [];

beforeAll(async () => {
  upstream = await fakeUpstream(upstreamBehaviour);
  iam = await fakeUpstream((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const sent = JSON.parse(body) as {
        auth: { identity: { password: { user: { password: string } } } };
      };
      const password = sent.auth.identity.password.user.password;
      if (password !== PASSWORD) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              code: 401,
              title: 'Unauthorized',
              message: `wrong password ${password} for alice`,
            },
          }),
        );
        return;
      }
      issuedCount += 1;
      res.writeHead(201, {
        'Content-Type': 'application/json',
        'X-Subject-Token': `${ISSUED}-${issuedCount}`,
      });
      res.end(
        JSON.stringify({
          token: { expires_at: new Date(Date.now() + 3600_000).toISOString(), echo: password },
        }),
      );
    });
  });
  // Everything the process prints, as a log collector would see it.
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(
      (chunk: string | Uint8Array, ...rest: unknown[]) => {
        captured.push(String(chunk));
        return original(chunk, ...(rest as []));
      },
    );
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void captured.push(args.map(String).join(' ')),
    );
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await upstream.close();
  await iam.close();
});

const config = loadConfig({});
const password = (pw: string): CredentialProvider =>
  passwordLogin({
    identity: { username: 'alice', password: pw, domain: { name: 'acme' } },
    authUrl: `${iam.url}/v3`,
    iamForRegion: () => undefined,
    timeoutMs: 1000,
    source: 'OS_USERNAME/OS_PASSWORD',
  });

const providers: Array<[string, () => CredentialProvider]> = [
  ['a static token', () => staticToken(TOKEN, 'OS_TOKEN')],
  [
    'AK/SK signing',
    () =>
      akskSigner({
        accessKey: 'AKTEST0000000000TEST',
        secretKey: SECRET_KEY,
        source: 'OS_ACCESS_KEY/OS_SECRET_KEY',
      }),
  ],
  ['IAM password login', () => password(PASSWORD)],
  ['IAM password login with a wrong password', () => password(WRONG_PASSWORD)],
];

const targets = [
  '/api/regions',
  jobPath(),
  jobPath('eu-de', undefined, 'echo'),
  jobPath('eu-de', undefined, 'unauthorised'),
  jobPath('eu-de', undefined, 'slow'),
  jobPath('eu-de', undefined, 'big'),
  jobPath('xx-nowhere-1'),
  `${jobPath()}?token=x`,
  '/api/nothing',
];

describe('the credential never leaves the server', () => {
  it.each(providers)(
    'with %s: not in any response, error message or log line',
    async (_name, make) => {
      const seenBefore = upstream.seen.length;
      const proxy = await startApi({
        config: { ...config, endpointOverride: upstream.url, upstreamTimeoutMs: 200 },
        credentials: make(),
      });
      try {
        const sent: string[] = [];
        for (const target of targets) {
          for (const method of ['GET', 'HEAD', 'POST'])
            sent.push((await rawRequest(proxy.port, target, method)).raw);
        }
        const everything = [
          ...sent,
          ...proxy.lines.map((line) => JSON.stringify(line)),
          ...captured,
        ].join('\n');
        for (const secret of SECRETS) {
          for (const form of forms(secret))
            expect(everything.includes(form), `leaked ${form}`).toBe(false);
        }
        // Sanity: the credentials were in use, so the test could have failed.
        const used = upstream.seen
          .slice(seenBefore)
          .map((s) => JSON.stringify(s.headers))
          .join('\n');
        if (_name.includes('wrong')) expect(sent.join('\n')).toContain('PROXY.AUTH_FAILED');
        else expect(used).toMatch(/SECRET-0001|SDK-HMAC-SHA256|SECRET-0004/);
      } finally {
        await proxy.close();
      }
    },
  );
});
