/**
 * Slack incoming webhooks, through Slack's own client (`@slack/webhook`). Its requests go
 * through the server's HTTP client (the `fetch` it accepts), so the time limit, the size cap
 * and the words of a failure are the same as for the other destinations; it never follows a
 * redirect (`redirect: 'error'`, and the HTTP client follows none either).
 */
import {
  IncomingWebhook,
  IncomingWebhookHTTPError,
  type FetchFunction,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';
import { facts, headline, type NotifyMessage } from './message.ts';
import { outcomeOf, post, type Answer, type PostOptions, type SendResult } from './post.ts';

/** Slack's mrkdwn reads `<…>` as links and mentions and `&` as entities: these three are escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message as Slack shows it: `text` for notifications and old clients, blocks for the channel. */
export function slackPayload(message: NotifyMessage): IncomingWebhookSendArguments {
  const title = escapeMrkdwn(headline(message));
  const rows = facts(message).filter((row) => row.label !== 'Link');
  const blocks: IncomingWebhookSendArguments['blocks'] = [
    { type: 'header', text: { type: 'plain_text', text: headline(message).slice(0, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: rows
          .map((row) => `*${row.label}:* ${escapeMrkdwn(row.value)}`)
          .join('\n')
          .slice(0, 3000),
      },
    },
  ];
  if (message.link) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the job' },
          url: message.link,
        },
      ],
    });
  } else {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'No link: PUBLIC_URL is not set on the dashboard server.' },
      ],
    });
  }
  const link = message.link ? ` <${escapeMrkdwn(message.link)}|Open the job>` : '';
  return {
    text: `${title} (job ${escapeMrkdwn(message.jobId)}, ${escapeMrkdwn(message.region)})${link}`,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Slack names its refusals with a short word (`no_service`, `invalid_payload`): safe to repeat. */
function slackWord(body: string): string | undefined {
  const word = body.trim();
  return /^[a-z_]{2,40}$/.test(word) ? word : undefined;
}

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

function fetchResponse(answer: Answer, url: string): FetchResponse {
  const text = answer.body.toString('utf8');
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (typeof value === 'string') headers.set(name.toLowerCase(), value);
  }
  return {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: '',
    url,
    headers: {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      entries: () => headers.entries(),
    },
    arrayBuffer: () => Promise.resolve(new Uint8Array(answer.body).buffer),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    text: () => Promise.resolve(text),
  };
}

export async function sendSlack(
  url: URL,
  message: NotifyMessage,
  options: PostOptions = {},
): Promise<SendResult> {
  let failure: SendResult | undefined;
  let answer: Answer | undefined;
  const fetch: FetchFunction = async (target, init) => {
    const outcome = await post(
      new URL(String(target)),
      typeof init?.body === 'string' ? init.body : '',
      init?.headers ?? {},
      options,
    );
    if (!outcome.ok) {
      failure = outcome.result;
      throw new Error(outcome.result.ok ? 'sent' : outcome.result.reason);
    }
    answer = outcome.answer;
    return fetchResponse(outcome.answer, String(target));
  };
  // Retries are the delivery engine's (recorded, spread over minutes), not the client's.
  const webhook = new IncomingWebhook(url.href, { fetch, retryConfig: { retries: 0 } });
  try {
    await webhook.send(slackPayload(message));
    return { ok: true, status: answer?.status ?? 200 };
  } catch (error) {
    if (failure) return failure;
    if (error instanceof IncomingWebhookHTTPError && answer) {
      return outcomeOf(answer, slackWord(String(error.body ?? '')));
    }
    // Not an answer and not a transport failure: the client itself gave up on the message.
    return { ok: false, retryable: false, reason: 'the Slack client could not send the message' };
  }
}
