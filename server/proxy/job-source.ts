import type { Coalescer, Shared } from './coalesce.ts';
import type { Forwarded, JobRequest } from './forward.ts';
import type { TakeResult } from './upstream-limit.ts';

/** Thrown by `JobSource.fetch` when the upstream limit refused the exchange: nothing was sent. */
export class UpstreamLimited extends Error {
  constructor(readonly retryAfterSec: number) {
    super('upstream limit');
  }
}

export interface JobKey {
  region: string;
  projectId: string;
  jobId: string;
}

/** Who asks for a job: a viewer's request, or a watch polling on its watcher's behalf. */
export interface Asker {
  /** The upstream limit's key (the user, else the client address): see `limitKey`. */
  payer: string;
  /** Who was looking, for the history (the signed-in user's name, `watch`); null: unknown. */
  viewer: string | null;
  /** Takes one upstream call from the asker's share; called only when a request is sent. */
  admit: () => TakeResult;
  /** Abandons the asker's own exchange (the browser went away); shared ones are never abandoned. */
  onCancel?: (cancel: () => void) => void;
}

/** An upstream answer for a job, as every asker's exchange got it (its own, not a shared one). */
export type AnswerObserver = (job: JobKey, answer: Shared<Forwarded>, asker: Asker) => void;

/**
 * The one way to a job's upstream answer, for a browser's lookup and a watch's poll alike:
 * identical requests share one exchange (SFS_TURBO_CACHE_MS), so a watched job that someone
 * is viewing costs the cloud nothing extra; each exchange that really went upstream is shown
 * to the observers (the history), after the asker has its answer.
 */
export interface JobSource {
  fetch(job: JobKey, method: 'GET' | 'HEAD', asker: Asker): Promise<Shared<Forwarded>>;
  observe(observer: AnswerObserver): void;
}

export function createJobSource(
  send: (job: JobRequest) => Promise<Forwarded>,
  coalescer: Coalescer<Forwarded> | undefined,
): JobSource {
  const observers: AnswerObserver[] = [];
  const exchange = (job: JobKey, method: 'GET' | 'HEAD', asker: Asker, shared: boolean) => () => {
    const taken = asker.admit();
    if (!taken.ok) return Promise.reject(new UpstreamLimited(taken.retryAfterSec));
    return send({
      ...job,
      method,
      limitKey: asker.payer,
      // A shared exchange is not abandoned when one of its askers leaves.
      onCancel: shared ? () => {} : (asker.onCancel ?? (() => {})),
    });
  };
  const tell = (job: JobKey, answer: Shared<Forwarded>, asker: Asker) => {
    if (answer.coalesced || observers.length === 0) return;
    // After the asker's answer: observing never delays it, and its failure never fails the lookup.
    setImmediate(() => {
      for (const observer of observers) {
        try {
          observer(job, answer, asker);
        } catch (error) {
          console.error(
            'sfs-turbo: an answer observer failed:',
            error instanceof Error ? error.name : typeof error,
          );
        }
      }
    });
  };
  return {
    async fetch(job, method, asker) {
      const answer = coalescer
        ? await coalescer.run(
            `${method} ${job.region}/${job.projectId}/${job.jobId}`,
            exchange(job, method, asker, true),
            (value) => value.result.ok,
          )
        : {
            value: await exchange(job, method, asker, false)(),
            at: Date.now(),
            coalesced: false,
          };
      tell(job, answer, asker);
      return answer;
    },
    observe(observer) {
      observers.push(observer);
    },
  };
}
