import type { NotifyTargetsResponse } from '../../../common/contract.ts';
import { sendJson } from '../../http/responses.ts';
import type { Memory } from '../../memory/memory.ts';
import type { ApiStep } from '../api-context.ts';
import { storeOrRefuse } from './store-open.ts';

/** `/api/notify-targets`: the destinations' names and kinds; their addresses are secrets. */
export function notifyTargets(memory: Memory): ApiStep {
  const body: NotifyTargetsResponse = {
    targets: memory.config.targets.map(({ name, kind }) => ({ name, kind })),
  };
  return async (_req, res, api, next) => {
    if (api.route.kind !== 'notify-targets') return next();
    // Destinations serve watches only, and those need the store.
    if (!storeOrRefuse(memory, res, api)) return;
    sendJson(res, 200, body);
  };
}
