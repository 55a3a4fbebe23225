import type { NotifyTarget } from '../../config/memory.ts';
import type { NotifyMessage } from './message.ts';
import type { SendResult } from './post.ts';
import { sendSlack } from './slack.ts';
import { sendTeams } from './teams.ts';
import { sendWebhook } from './webhook.ts';

/** One attempt to post one message to one destination; the delivery's ID travels with it. */
export type Send = (
  target: NotifyTarget,
  message: NotifyMessage,
  delivery: { id: string; signal?: AbortSignal },
) => Promise<SendResult>;

export interface SenderOptions {
  /** `NOTIFY_WEBHOOK_SECRET`. */
  webhookSecret: string | undefined;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

/** Posts to a destination by its kind. Never rejects; a failure's words quote no address. */
export function createSender(options: SenderOptions): Send {
  return async (target, message, delivery) => {
    const post = { timeoutMs: options.timeoutMs, signal: delivery.signal };
    try {
      switch (target.kind) {
        case 'slack':
          return await sendSlack(target.url, message, post);
        case 'teams':
          return await sendTeams(target.url, message, post);
        case 'webhook':
          return await sendWebhook(target.url, message, {
            ...post,
            secret: options.webhookSecret,
            deliveryId: delivery.id,
            now: options.now,
          });
      }
    } catch {
      // The senders do not throw; should one, its message might name the address.
      return { ok: false, retryable: true, reason: 'the attempt failed unexpectedly' };
    }
  };
}
