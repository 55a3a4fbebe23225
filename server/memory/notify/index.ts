/**
 * Notifications: what the rest of the server uses. A watch that sees an event builds the
 * message ({@link buildMessage}) and records it ({@link Notifier.enqueue}); each replica runs
 * one {@link Notifier} loop that sends what is due, retries with back-off and records the
 * outcome; the watches API shows each watch's deliveries ({@link Notifier.deliveriesOf}).
 */
import { createHash } from 'node:crypto';
import type { NotifyTarget } from '../../config/memory.ts';
import type { Store } from '../../store/open.ts';
import {
  deliveriesOf,
  enqueue,
  runDue,
  type DeliveryObserver,
  type DueDelivery,
  type EnqueueRequest,
} from './deliveries.ts';
import type { SendResult } from './post.ts';
import { createSender, type Send } from './send.ts';

export {
  buildMessage,
  type MessageInput,
  type NotifyEvent,
  type NotifyMessage,
} from './message.ts';
export type { DeliveryObserver, DeliveryOutcome, EnqueueRequest } from './deliveries.ts';
export type { SendResult } from './post.ts';
export { createSender, type Send } from './send.ts';

const MAX_KEYED_ID = 128;

/**
 * Event keys, unique per watch: the delivery table's key relies on their spelling. A sub-job
 * ID is the cloud's, of any length: one too long for a key is replaced by its SHA-256.
 */
export const eventKey = {
  ended: 'ended',
  gone: 'gone',
  expired: 'expired',
  subJobFailed: (subJobId: string) =>
    `sub-job-failed:${
      subJobId.length <= MAX_KEYED_ID
        ? subJobId
        : `sha256-${createHash('sha256').update(subJobId).digest('hex')}`
    }`,
} as const;

export interface NotifierOptions {
  store: Store;
  /** `NOTIFY_TARGETS`: the only places a message can go. */
  targets: readonly NotifyTarget[];
  /** `NOTIFY_WEBHOOK_SECRET`. */
  webhookSecret: string | undefined;
  /** This replica's name, unique among replicas (e.g. `${hostname()}:${process.pid}`). */
  owner: string;
  observer?: DeliveryObserver;
  /** How often the loop looks for due messages; default 2 s. */
  intervalMs?: number;
  /** A round failed (the store unreachable): words from the database driver, no address of a destination. */
  onError?: (error: unknown) => void;
  now?: () => number;
  /** Replaces the senders (tests). */
  send?: Send;
}

export interface Notifier {
  /** Records a message; false if this event was already recorded for this destination. */
  enqueue(request: EnqueueRequest): Promise<boolean>;
  deliveriesOf: (watchIds: readonly string[]) => ReturnType<typeof deliveriesOf>;
  /** One round now (also what the loop runs); resolves with the number of rows handled. */
  runOnce(): Promise<number>;
  /** Starts the loop (idempotent). */
  start(): void;
  /** Stops the loop and waits for the round in flight, whose sends end within their time limit. */
  stop(): Promise<void>;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const now = options.now ?? Date.now;
  const send = options.send ?? createSender({ webhookSecret: options.webhookSecret, now });
  const targets = new Map(options.targets.map((target) => [target.name, target]));
  const attempt = (delivery: DueDelivery): Promise<SendResult> => {
    const target = targets.get(delivery.target);
    if (!target) {
      return Promise.resolve({
        ok: false,
        retryable: false,
        reason: `the destination "${delivery.target}" is no longer in NOTIFY_TARGETS`,
      });
    }
    return send(target, delivery.message, { id: delivery.id });
  };

  const intervalMs = options.intervalMs ?? 2_000;
  // Set while the loop waits between rounds; unset while a round runs (or when stopped).
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let wakeAfterRound = false;

  const runOnce = (): Promise<number> => {
    // One round at a time per replica: a slow destination must not pile rounds up.
    running ??= runDue(options.store, {
      owner: options.owner,
      now,
      send: attempt,
      observer: options.observer,
    }).finally(() => {
      running = undefined;
    });
    return running;
  };

  const loop = async () => {
    timer = undefined;
    let handled = 0;
    try {
      handled = await runOnce();
    } catch (error) {
      options.onError?.(error);
    }
    if (stopped) return;
    // Rows handled: more may be waiting, look again at once.
    const delay = handled > 0 || wakeAfterRound ? 0 : intervalMs;
    wakeAfterRound = false;
    timer = setTimeout(() => void loop(), delay);
    timer.unref();
  };

  /** A message was just recorded: send it now rather than at the next tick. */
  const wake = () => {
    if (stopped) return;
    if (timer === undefined) {
      wakeAfterRound = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), 0);
    timer.unref();
  };

  return {
    enqueue: async (request) => {
      const added = await enqueue(options.store, request, now());
      if (added) wake();
      return added;
    },
    deliveriesOf: (watchIds) => deliveriesOf(options.store, watchIds),
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(() => void loop(), 0);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
