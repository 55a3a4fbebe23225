import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotifyTarget, TargetKind } from '../../config/memory.ts';
import { closedPort, listen, type Running } from '../../testing/servers.ts';
import { buildMessage, type NotifyMessage } from './message.ts';
import { SEND_TIMEOUT_MS, type SendResult } from './post.ts';
import { createSender } from './send.ts';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const TOKEN_PATH = '/services/T0SECRETTEAM/B0SECRETHOOK/xoxSecretToken1234567890';
const TOKEN_PARTS = TOKEN_PATH.split('/').filter(Boolean);
const NOW = Date.UTC(2026, 10, 29, 10, 0, 0);

const message: NotifyMessage = buildMessage({
  event: 'ended',
  body: {
    job_type: 'extend_share',
    status: 'failed',
    sub_jobs: [
      {
        job_id: 'sub-1',
        status: 'failed',
        error_code: 'SFS.TURBO.0030',
        fail_reason:
          '<!channel> see <https://evil.example|here> & [click](https://evil.example) *now*',
      },
    ],
  },
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: '7c0e2a8e-live-4f00-9a00-000000000002',
  publicUrl: 'https://jobs.example.com',
  at: NOW,
  watchedBy: 'Ada <ada@example.com>',
});

interface Arrival {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

/** A receiver that records each request and answers with `respond`. */
async function receiver(respond: (res: ServerResponse, arrival: Arrival) => void) {
  const arrivals: Arrival[] = [];
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrival = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      arrivals.push(arrival);
      respond(res, arrival);
    });
  });
  servers.push(server);
  return { server, arrivals };
}

const target = (kind: TargetKind, base: string, path = TOKEN_PATH): NotifyTarget => ({
  name: 'inc-channel',
  kind,
  url: new URL(`${base}${path}`),
});

const send = createSender({ webhookSecret: SECRET, now: () => NOW });

function expectNoAddress(result: SendResult, url: URL) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(url.href);
  expect(text).not.toContain(url.host);
  for (const part of TOKEN_PARTS) expect(text).not.toContain(part);
}

describe('Slack', () => {
  it('posts text and blocks through @slack/webhook, with the cloud’s words escaped', async () => {
    const { server, arrivals } = await receiver((res) => res.end('ok'));
    const result = await send(target('slack', server.url), message, { id: 'd-1' });
    expect(result).toEqual({ ok: true, status: 200 });
    expect(arrivals).toHaveLength(1);
    const [arrival] = arrivals;
    expect(arrival?.method).toBe('POST');
    expect(arrival?.url).toBe(TOKEN_PATH);
    expect(arrival?.headers['content-type']).toMatch(/^application\/json/);
    expect(arrival?.headers['user-agent']).toMatch(/@slack:webhook/);
    const body = JSON.parse(arrival?.body ?? '') as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; elements?: unknown[] }[];
      unfurl_links: boolean;
    };
    expect(body.text).toBe(
      'SFS Turbo extend_share ended: failed (job 7c0e2a8e-live-4f00-9a00-000000000002, eu-de) <https://jobs.example.com/eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/7c0e2a8e-live-4f00-9a00-000000000002|Open the job>',
    );
    expect(body.unfurl_links).toBe(false);
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'actions']);
    const section = body.blocks[1]?.text?.text ?? '';
    expect(section).toContain(
      '*First failure:* sub-job sub-1: SFS.TURBO.0030, &lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; [click](https://evil.example) *now*',
    );
    expect(section).toContain('*Watched by:* Ada &lt;ada@example.com&gt;');
    expect(section).toContain('*Seen at:* 2026-11-29 10:00:00 UTC');
    // No raw `<` from the cloud anywhere Slack reads mrkdwn.
    expect(section.replace(/<[^>]*>/g, '')).toBe(section);
    expect(body.blocks[2]?.elements).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open the job' },
        url: message.link,
      },
    ]);
  });

  it('says there is no link without PUBLIC_URL', async () => {
    const { server, arrivals } = await receiver((res) => res.end('ok'));
    await send(target('slack', server.url), { ...message, link: null }, { id: 'd-1' });
    const body = JSON.parse(arrivals[0]?.body ?? '') as {
      text: string;
      blocks: { type: string }[];
    };
    expect(body.text).not.toContain('Open the job');
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(JSON.stringify(body.blocks[2])).toContain('PUBLIC_URL is not set');
  });

  it('repeats Slack’s refusal word, not its address; a refusal is not retried', async () => {
    const { server } = await receiver((res) => {
      res.statusCode = 404;
      res.end('no_service');
    });
    const slack = target('slack', server.url);
    const result = await send(slack, message, { id: 'd-1' });
    expect(result).toEqual({
      ok: false,
      retryable: false,
      reason: 'the destination answered HTTP 404 (a refusal): no_service',
    });
    expectNoAddress(result, slack.url);
  });
});

describe('Teams', () => {
  it('posts one Adaptive Card 1.4 with a fact set and an Open action', async () => {
    const { server, arrivals } = await receiver((res) => {
      res.statusCode = 202;
      res.end();
    });
    expect(await send(target('teams', server.url), message, { id: 'd-1' })).toEqual({
      ok: true,
      status: 202,
    });
    const body = JSON.parse(arrivals[0]?.body ?? '') as Record<string, unknown>;
    expect(body).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: 'SFS Turbo extend\\_share ended: failed',
                weight: 'Bolder',
                size: 'Medium',
                wrap: true,
              },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Status', value: 'failed' },
                  { title: 'Job type', value: 'extend\\_share' },
                  { title: 'Job ID', value: '7c0e2a8e-live-4f00-9a00-000000000002' },
                  { title: 'Project ID', value: 'e9993fc787d94b6c886cbaa340f9c0f4' },
                  { title: 'Region', value: 'eu-de' },
                  {
                    title: 'First failure',
                    value:
                      'sub-job sub-1: SFS.TURBO.0030, <!channel> see <https://evil.example|here> & \\[click\\](https://evil.example) \\*now\\*',
                  },
                  { title: 'Seen at', value: '2026-11-29 10:00:00 UTC' },
                  { title: 'Watched by', value: 'Ada <ada@example.com>' },
                ],
              },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open the job', url: message.link }],
          },
        },
      ],
    });
  });

  it('has no action without a link, and says why in the facts', async () => {
    const { server, arrivals } = await receiver((res) => {
      res.statusCode = 202;
      res.end();
    });
    await send(target('teams', server.url), { ...message, link: null }, { id: 'd-1' });
    const card = (
      JSON.parse(arrivals[0]?.body ?? '') as { attachments: { content: Record<string, unknown> }[] }
    ).attachments[0]?.content;
    expect(card?.actions).toBeUndefined();
    expect(JSON.stringify(card)).toContain('none: PUBLIC\\\\_URL is not set');
  });
});

it('allows each attempt 10 seconds by default', () => {
  expect(SEND_TIMEOUT_MS).toBe(10_000);
});

describe('signed JSON webhook', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 and names the delivery', async () => {
    const { server, arrivals } = await receiver((res) => {
      res.statusCode = 204;
      res.end();
    });
    expect(await send(target('webhook', server.url), message, { id: 'delivery-42' })).toEqual({
      ok: true,
      status: 204,
    });
    const [arrival] = arrivals;
    const timestamp = arrival?.headers['x-sfs-turbo-timestamp'];
    expect(timestamp).toBe(String(NOW / 1000));
    expect(arrival?.headers['x-sfs-turbo-delivery']).toBe('delivery-42');
    expect(arrival?.headers['x-sfs-turbo-event']).toBe('ended');
    const expected = createHmac('sha256', SECRET)
      .update(`${timestamp}.${arrival?.body}`)
      .digest('hex');
    expect(arrival?.headers['x-sfs-turbo-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(arrival?.body ?? '')).toEqual({
      version: 1,
      delivery: 'delivery-42',
      ...message,
    });
  });

  it('sends nothing unsigned', async () => {
    const { server, arrivals } = await receiver((res) => res.end());
    const unsigned = createSender({ webhookSecret: undefined });
    const result = await unsigned(target('webhook', server.url), message, { id: 'd' });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(arrivals).toHaveLength(0);
  });
});

describe.each(['slack', 'teams', 'webhook'] as const)('every destination (%s)', (kind) => {
  // Nothing here writes a log line: a failure's words go to the caller only.
  let logged: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level),
    );
  });
  afterEach(() => {
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
  ])('HTTP %i is retryable: %s; the words quote no address', async (status, retryable) => {
    const { server } = await receiver((res) => {
      res.statusCode = status;
      res.end(`failure at ${TOKEN_PATH}`);
    });
    const destination = target(kind, server.url);
    const result = await send(destination, message, { id: 'd' });
    expect(result).toMatchObject({ ok: false, retryable });
    expect(result.ok ? '' : result.reason).toContain(`HTTP ${status}`);
    expectNoAddress(result, destination.url);
  });

  it('honours Retry-After on a 429', async () => {
    const { server } = await receiver((res) => {
      res.writeHead(429, { 'Retry-After': '30' });
      res.end();
    });
    expect(await send(target(kind, server.url), message, { id: 'd' })).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
    });
  });

  it('follows no redirect, to another host or any', async () => {
    const elsewhere = await receiver((res) => res.end('ok'));
    const { server } = await receiver((res) => {
      res.writeHead(302, {
        Location: `${elsewhere.server.url.replace('127.0.0.1', 'localhost')}/x`,
      });
      res.end();
    });
    const destination = target(kind, server.url);
    const result = await send(destination, message, { id: 'd' });
    expect(result).toEqual({
      ok: false,
      retryable: false,
      reason: 'the destination answered HTTP 302 (a redirect, which is not followed)',
    });
    expect(elsewhere.arrivals).toHaveLength(0);
  });

  it('gives up after its time limit, retryably, without the address in the words', async () => {
    const { server } = await receiver(() => {
      // never answers
    });
    const destination = target(kind, server.url);
    const quick = createSender({ webhookSecret: SECRET, timeoutMs: 200 });
    // A receiver that never answers: only the time limit ends the attempt (the default, 10 s,
    // would outlast the test's own limit).
    const result = await quick(destination, message, { id: 'd' });
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'no complete answer within the time allowed',
    });
  });

  it('abandons an attempt when told to (the server stopping), retryably', async () => {
    const { server, arrivals } = await receiver(() => {
      // never answers
    });
    const abandon = new AbortController();
    const pending = send(target(kind, server.url), message, { id: 'd', signal: abandon.signal });
    await vi.waitFor(() => expect(arrivals).toHaveLength(1));
    abandon.abort();
    expect(await pending).toEqual({
      ok: false,
      retryable: true,
      reason: 'the attempt was abandoned (the server is stopping)',
    });
  });

  it('calls a closed port a network failure worth retrying', async () => {
    const destination = target(kind, `http://127.0.0.1:${await closedPort()}`);
    const result = await send(destination, message, { id: 'd' });
    expect(result).toEqual({
      ok: false,
      retryable: true,
      reason: 'the destination could not be reached (ECONNREFUSED)',
    });
    expectNoAddress(result, destination.url);
  });
});
