import { PROXY_ERROR, type HistoryResponse } from '../../../common/contract.ts';
import { sendJson } from '../../http/responses.ts';
import { refuse, withholdSecrets, type ApiStep } from '../api-context.ts';
import type { JobKey } from '../job-source.ts';

/** What this server remembers of a job (server/memory/history.ts); undefined while the store is not open. */
export interface HistoryReader {
  read(job: JobKey): Promise<HistoryResponse | undefined> | undefined;
}

/**
 * `/api/history/{region}/{project_id}/{job_id}`: answered from the store, never upstream. It
 * runs after the region checks, so a region this server may not serve gets nothing here either.
 */
export function history(reader: HistoryReader | undefined): ApiStep {
  return async (_req, res, api, next) => {
    if (api.route.kind !== 'history') return next();
    const { region, projectId, jobId } = api.route;
    const reading = reader?.read({ region, projectId, jobId });
    if (!reading) {
      return refuse(
        res,
        api,
        503,
        PROXY_ERROR.storeUnavailable,
        'The dashboard’s store is not open yet (or could not be opened), so its history cannot be read; try again shortly',
        { 'Retry-After': '5' },
      );
    }
    const found = await reading;
    if (!found) {
      return refuse(res, api, 404, PROXY_ERROR.notFound, 'This dashboard has not seen this job');
    }
    withholdSecrets(api);
    sendJson(res, 200, found);
  };
}
