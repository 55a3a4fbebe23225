/**
 * A webhook receiver in the simulator: it stands in for a Slack incoming webhook, a Teams
 * workflow and a plain JSON receiver, so that notifications are tested end to end on
 * loopback. It records what arrived (body, signature headers, time) and answers as the real
 * ones do; it can be told to fail the next attempts, so that retries can be seen.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { CannedAnswer } from './errors.ts';
import { parseJson, readBody } from './http.ts';

export const WEBHOOK_KINDS = ['slack', 'teams', 'json'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export interface ReceivedWebhook {
  kind: WebhookKind;
  name: string;
  /** When it arrived, on the simulator's clock (ISO 8601). */
  at: string;
  /** The HTTP status the receiver answered (a configured failure, or success). */
  answered: number;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** The raw body, for checking a signature over the exact bytes. */
  raw: string;
  signature: string | null;
  timestamp: string | null;
  delivery: string | null;
  event: string | null;
}

/** Enough for any test; older ones are dropped so that a long demo does not grow without bound. */
const MAX_KEPT = 1000;
const ROUTE =
  /^\/__simulator\/webhooks(?:\/(slack|teams|json)\/([a-z0-9][a-z0-9_-]{0,39})(\/fail)?)?\/?$/;

const failSchema = z.strictObject({
  times: z.number().int().min(0).max(100),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});

const error = (status: number, what: string, message: string): CannedAnswer => ({
  status,
  body: { errCode: `SIMULATOR.${what}`, errMsg: message },
});

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Success as each service answers it. */
function accepted(kind: WebhookKind): CannedAnswer {
  if (kind === 'slack') return { status: 200, body: 'ok', contentType: 'text/html' };
  if (kind === 'teams') return { status: 202, body: '', contentType: 'text/plain' };
  return { status: 204, body: '', contentType: 'text/plain' };
}

export class WebhookReceiver {
  readonly #received: ReceivedWebhook[] = [];
  readonly #failures = new Map<string, { times: number; status: number; retryAfter?: number }>();

  clear(): void {
    this.#received.length = 0;
    this.#failures.clear();
  }

  received(): readonly ReceivedWebhook[] {
    return this.#received;
  }

  /** `/__simulator/webhooks…`; undefined when the path is not one of its routes. */
  async handle(
    req: IncomingMessage,
    path: string,
    nowMs: number,
  ): Promise<CannedAnswer | undefined> {
    const route = ROUTE.exec(path);
    if (!route) return undefined;
    const method = req.method ?? 'GET';
    const [, kind, name, fail] = route as unknown as [string, WebhookKind?, string?, string?];
    if (!kind || !name) {
      if (method === 'GET') return { status: 200, body: { received: this.#received } };
      if (method === 'DELETE') {
        this.clear();
        return { status: 200, body: { cleared: true } };
      }
      return {
        ...error(405, 'METHOD_NOT_ALLOWED', '/__simulator/webhooks takes GET, DELETE.'),
        headers: { Allow: 'GET, DELETE' },
      };
    }
    if (method !== 'POST') {
      return {
        ...error(405, 'METHOD_NOT_ALLOWED', `${path} takes POST.`),
        headers: { Allow: 'POST' },
      };
    }
    const body = await readBody(req);
    if (!body.ok) return error(413, 'TOO_LARGE', 'The body is larger than 64 KiB.');
    if (fail) return this.#configure(kind, name, body.text);
    return this.#receive(req, kind, name, body.text, nowMs);
  }

  #configure(kind: WebhookKind, name: string, text: string): CannedAnswer {
    const parsed = parseJson(text);
    const spec = parsed.ok ? failSchema.safeParse(parsed.value) : undefined;
    if (!spec?.success) {
      return error(
        400,
        'BAD_REQUEST',
        'Expected {"times": n, "status"?: 400-599 (default 503), "retryAfterSeconds"?: s}.',
      );
    }
    const { times, status = 503, retryAfterSeconds } = spec.data;
    this.#failures.set(`${kind}/${name}`, { times, status, retryAfter: retryAfterSeconds });
    return { status: 200, body: { kind, name, failNext: times, status } };
  }

  #receive(
    req: IncomingMessage,
    kind: WebhookKind,
    name: string,
    text: string,
    nowMs: number,
  ): CannedAnswer {
    const parsed = parseJson(text);
    const failure = this.#failures.get(`${kind}/${name}`);
    let answer: CannedAnswer;
    if (failure && failure.times > 0) {
      failure.times -= 1;
      answer = {
        status: failure.status,
        body: failure.status === 429 ? 'rate_limited' : 'simulated_failure',
        contentType: 'text/plain',
        ...(failure.retryAfter === undefined
          ? {}
          : { headers: { 'Retry-After': String(failure.retryAfter) } }),
      };
    } else if (!parsed.ok) {
      // Slack names its refusal in a word; the others just refuse.
      answer = { status: 400, body: 'invalid_payload', contentType: 'text/plain' };
    } else {
      answer = accepted(kind);
    }
    this.#received.push({
      kind,
      name,
      at: new Date(nowMs).toISOString(),
      answered: answer.status,
      body: parsed.ok ? parsed.value : text,
      raw: text,
      signature: header(req, 'x-sfs-turbo-signature'),
      timestamp: header(req, 'x-sfs-turbo-timestamp'),
      delivery: header(req, 'x-sfs-turbo-delivery'),
      event: header(req, 'x-sfs-turbo-event'),
    });
    if (this.#received.length > MAX_KEPT) this.#received.shift();
    return answer;
  }
}
