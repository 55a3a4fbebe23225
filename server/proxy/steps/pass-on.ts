import { refuse, withholdSecrets, type ApiStep } from '../api-context.ts';
import { failureOf, LEAK_FAILURE, passOn as passable, writePassedOn } from '../pass-on.ts';

/** The upstream's answer to the browser, or the failure it amounts to. */
export function passOn(): ApiStep {
  return async (req, res, api) => {
    if (!api.exchange) throw new Error('The pass-on step ran before the forward step');
    const { value, at } = api.exchange;
    const { result } = value;
    if (!result.ok) {
      // The browser went away: nothing to send (the line says 499, nginx's "client closed request").
      if (result.reason === 'aborted') return;
      const failure = failureOf(result);
      return refuse(res, api, failure.status, failure.code, failure.message);
    }
    const answer = passable(result, api.secrets, at);
    if (!answer)
      return refuse(res, api, LEAK_FAILURE.status, LEAK_FAILURE.code, LEAK_FAILURE.message);
    // Only for the request whose own exchange it was: a shared answer's status was counted there.
    api.log.upstreamStatus = api.log.upstreamMs === null ? null : answer.status;
    api.log.upstreamRequestId = answer.requestId ?? null;
    // Names and reasons from the allow-list only (`x-request-id:shape`), never the values.
    api.log.upstreamHeadersDropped =
      answer.dropped.map(({ header, reason }) => `${header}:${reason}`).join(',') || null;
    withholdSecrets(api);
    writePassedOn(res, answer, req.method === 'HEAD');
  };
}
