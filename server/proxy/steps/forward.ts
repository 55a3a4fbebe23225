import { PROXY_ERROR } from '../../../common/contract.ts';
import { CredentialError } from '../../credentials/provider.ts';
import { jobOf, refuse, type ApiStep } from '../api-context.ts';
import { UpstreamLimited, type JobSource } from '../job-source.ts';
import { limitKey } from '../upstream-limit.ts';

/**
 * The exchange, through the job source: shared with identical requests when the server
 * coalesces (SFS_TURBO_CACHE_MS), else this request's own, abandoned when the browser goes
 * away. Refuses what the limit or the credential provider refused; hands the answer to the
 * pass-on step.
 */
export function forward(source: JobSource): ApiStep {
  return async (req, res, api, next) => {
    const { region, projectId, jobId } = jobOf(api);
    const verb = req.method === 'HEAD' ? 'HEAD' : 'GET';
    try {
      api.exchange = await source.fetch({ region, projectId, jobId }, verb, {
        // Who pays for an IAM login this lookup may need (its share of the login budget).
        payer: limitKey(api),
        viewer: api.user?.name ?? null,
        admit: api.admit,
        onCancel: (cancel) => {
          res.once('close', () => {
            if (!res.writableFinished) cancel();
          });
        },
      });
    } catch (error) {
      if (error instanceof UpstreamLimited) {
        return refuse(
          res,
          api,
          429,
          PROXY_ERROR.rateLimited,
          'Too many lookups sent to the cloud by you in the last minute (RATE_LIMIT_UPSTREAM_PER_MIN), so this one was not sent.',
          { 'Retry-After': String(error.retryAfterSec) },
        );
      }
      if (!(error instanceof CredentialError)) throw error;
      // The message was written for the page by the provider; it quotes nothing from IAM.
      if (error.status === 429) {
        return refuse(res, api, 429, PROXY_ERROR.rateLimited, error.message, {
          'Retry-After': String(error.retryAfterSeconds ?? 60),
        });
      }
      return refuse(
        res,
        api,
        error.status,
        PROXY_ERROR.authFailed,
        `Could not authenticate to the cloud: ${error.message}`,
      );
    }
    const shared = api.exchange;
    if (shared.coalesced) api.log.coalesced = 1;
    api.secrets = api.secrets.with(shared.value.sent);
    // A shared answer cost this request no upstream time of its own.
    api.log.upstreamMs = shared.coalesced ? null : shared.value.upstreamMs;
    return next();
  };
}
