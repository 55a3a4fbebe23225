/**
 * The hand-off between the status drawn before the app's script (src/first-status.ts) and the
 * app: that script asks for the job's answer the server's page preloads, and leaves the pending
 * response here; the app's first request for the same URL takes it instead of asking again, as
 * it would have taken the preloaded answer. Two separately built scripts share it through a
 * registered symbol, not a module.
 */
const KEY = Symbol.for('sfs-turbo-jobs.early-answer');

type Holder = { [KEY]?: { url: string; response: Promise<Response> } };

/** `url` as the app asks for it (`appUrl`), which is how index.html's preload names it. */
export function handOver(url: string, response: Promise<Response>): void {
  (globalThis as Holder)[KEY] = { url, response };
}

/** The early answer if it is for `url`, once only. */
export function takeEarlyAnswer(url: string): Promise<Response> | undefined {
  const holder = globalThis as Holder;
  const early = holder[KEY];
  if (early?.url !== url) return undefined;
  delete holder[KEY];
  return early.response;
}
