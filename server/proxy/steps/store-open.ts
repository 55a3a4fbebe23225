import type { ServerResponse } from 'node:http';
import { PROXY_ERROR } from '../../../common/contract.ts';
import type { Memory } from '../../memory/memory.ts';
import type { Store } from '../../store/open.ts';
import { refuse, type ApiContext } from '../api-context.ts';

/** The store, or a 503 while it is still opening (the server answers its probes meanwhile). */
export function storeOrRefuse(
  memory: Memory,
  res: ServerResponse,
  api: ApiContext,
): Store | undefined {
  const store = memory.store();
  if (store) return store;
  refuse(
    res,
    api,
    503,
    PROXY_ERROR.storeUnavailable,
    'The dashboard server is still opening its store; try again in a few seconds',
    { 'Retry-After': '5' },
  );
  return undefined;
}
