/**
 * Plain JSON webhooks, signed so that the receiver can tell our messages from forged ones:
 *
 * - `X-Sfs-Turbo-Timestamp`: seconds since the epoch when the attempt was made;
 * - `X-Sfs-Turbo-Signature`: `sha256=` + hex HMAC-SHA256, keyed with `NOTIFY_WEBHOOK_SECRET`,
 *   of `${timestamp}.${raw body}` (the bytes as sent: verify before parsing). Signing the
 *   timestamp lets the receiver refuse old messages replayed (allow a few minutes of skew);
 * - `X-Sfs-Turbo-Delivery`: the delivery's ID, the same on every attempt of one message, so a
 *   receiver that keeps the IDs it saw drops a second copy;
 * - `X-Sfs-Turbo-Event`: `ended` or `sub-job-failed`.
 */
import { createHmac } from 'node:crypto';
import type { NotifyMessage } from './message.ts';
import { outcomeOf, post, type PostOptions, type SendResult } from './post.ts';

export const SIGNATURE_HEADER = 'X-Sfs-Turbo-Signature';
export const TIMESTAMP_HEADER = 'X-Sfs-Turbo-Timestamp';
export const DELIVERY_HEADER = 'X-Sfs-Turbo-Delivery';
export const EVENT_HEADER = 'X-Sfs-Turbo-Event';

/** `sha256=<hex>` of `${timestamp}.${body}`. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookOptions extends PostOptions {
  secret: string | undefined;
  deliveryId: string;
  /** Clock for the timestamp (ms); default `Date.now`. */
  now?: () => number;
}

/** The body: the message's facts as data (receivers do their own escaping), and the delivery ID. */
export function webhookBody(message: NotifyMessage, deliveryId: string): string {
  return JSON.stringify({ version: 1, delivery: deliveryId, ...message });
}

export async function sendWebhook(
  url: URL,
  message: NotifyMessage,
  options: WebhookOptions,
): Promise<SendResult> {
  if (!options.secret) {
    return {
      ok: false,
      retryable: false,
      reason: 'NOTIFY_WEBHOOK_SECRET is unset: webhook messages are only sent signed',
    };
  }
  const body = webhookBody(message, options.deliveryId);
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  const outcome = await post(
    url,
    body,
    {
      [SIGNATURE_HEADER]: signature(options.secret, timestamp, body),
      [TIMESTAMP_HEADER]: String(timestamp),
      [DELIVERY_HEADER]: options.deliveryId,
      [EVENT_HEADER]: message.event,
    },
    options,
  );
  return outcome.ok ? outcomeOf(outcome.answer) : outcome.result;
}
