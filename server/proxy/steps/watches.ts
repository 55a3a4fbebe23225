import { z } from 'zod';
import { PROXY_ERROR, type Watch, type WatchesResponse } from '../../../common/contract.ts';
import type { ServerConfig } from '../../config/config.ts';
import { FORWARDED_RESPONSE_HEADERS, sendJson } from '../../http/responses.ts';
import type { Memory } from '../../memory/memory.ts';
import { deliveriesOf } from '../../memory/notify/deliveries.ts';
import { listWatches, removeWatch, startWatch, watchOf } from '../../memory/watches.ts';
import { refuse, type ApiStep } from '../api-context.ts';
import { hasUpstream } from '../forward.ts';
import { readJsonBody } from '../read-json.ts';
import { jobIdsInvalid } from '../route.ts';
import { limitKey } from '../upstream-limit.ts';
import { regionNotAllowedMessage } from './region-allowed.ts';
import { unknownRegionMessage } from './region-known.ts';
import { storeOrRefuse } from './store-open.ts';

/** A watch request is a few IDs: anything longer is not one. */
export const MAX_WATCH_BODY_BYTES = 4096;

const WATCH_REQUEST = z.strictObject({
  region: z.string().max(64),
  projectId: z.string().max(64),
  jobId: z.string().max(128),
  target: z.string().max(64),
  subJobFailures: z.boolean().optional(),
});

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The body is not a watch request';
  const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'The body';
  return `${where}: ${issue.message}`;
}

export interface WatchesOptions {
  memory: Memory;
  config: ServerConfig;
  simulated: boolean;
  /** The regions the credential may go to (as the region-allowed step has them). */
  allowed: ReadonlySet<string>;
  now?: () => number;
}

/**
 * `/api/watches` (GET the list, POST a new one) and `/api/watches/{id}` (DELETE): answered
 * here from the store, never forwarded. A watch's region passes the same checks as a
 * lookup's, with the same words; its destination is one of the configured names.
 */
export function watches(options: WatchesOptions): ApiStep {
  const { memory, config, simulated, allowed } = options;
  const now = options.now ?? Date.now;
  const targets = new Set(memory.config.targets.map((target) => target.name));

  return async (req, res, api, next) => {
    const { route } = api;
    if (route.kind !== 'watches' && route.kind !== 'watch') return next();
    const store = storeOrRefuse(memory, res, api);
    if (!store) return;

    if (route.kind === 'watch') {
      api.log.watch = route.id;
      if (!(await removeWatch(store, route.id, now()))) {
        return refuse(res, api, 404, PROXY_ERROR.notFound, 'No watch with this ID');
      }
      res.writeHead(204, FORWARDED_RESPONSE_HEADERS);
      res.end();
      return;
    }

    if (req.method !== 'POST') {
      const rows = await listWatches(store, now());
      const sent = await deliveriesOf(
        store,
        rows.map((row) => row.id),
      );
      const body: WatchesResponse = {
        watches: rows.map((row) => ({ ...watchOf(row), deliveries: sent.get(row.id) ?? [] })),
      };
      return sendJson(res, 200, body);
    }

    const read = await readJsonBody(req, MAX_WATCH_BODY_BYTES);
    if (!read.ok) return refuse(res, api, read.status, PROXY_ERROR.badRequest, read.message);
    const parsed = WATCH_REQUEST.safeParse(read.value);
    if (!parsed.success) {
      return refuse(res, api, 400, PROXY_ERROR.badRequest, issueText(parsed.error));
    }
    const { region, projectId, jobId, target } = parsed.data;
    const invalid = jobIdsInvalid(region, projectId, jobId);
    if (invalid) return refuse(res, api, 400, PROXY_ERROR.badRequest, invalid);
    Object.assign(api.log, { region, project: projectId, job: jobId });
    if (!hasUpstream(config, simulated, region)) {
      return refuse(res, api, 400, PROXY_ERROR.unknownRegion, unknownRegionMessage(region));
    }
    if (!allowed.has(region)) {
      return refuse(
        res,
        api,
        403,
        PROXY_ERROR.regionNotAllowed,
        regionNotAllowedMessage(region, allowed),
      );
    }
    if (targets.size === 0) {
      return refuse(
        res,
        api,
        400,
        PROXY_ERROR.badRequest,
        'Watching is off on this dashboard: no destinations are configured (NOTIFY_TARGETS)',
      );
    }
    if (!targets.has(target)) {
      // The name is one of a short pattern (no address can be smuggled into the answer).
      const shown = /^[a-z0-9_-]{1,40}$/.test(target) ? `"${target}"` : 'given';
      return refuse(
        res,
        api,
        400,
        PROXY_ERROR.badRequest,
        `No destination named ${shown}: pick one of ${[...targets].join(', ')}`,
      );
    }

    const started = await startWatch(
      store,
      {
        region,
        projectId,
        jobId,
        target,
        subJobFailures: parsed.data.subJobFailures ?? false,
        createdBy: limitKey(api),
        createdByName: api.user?.name ?? null,
      },
      now(),
    );
    if (started.outcome === 'capped') {
      return refuse(
        res,
        api,
        429,
        PROXY_ERROR.rateLimited,
        `You already have ${started.limit} active watches: remove one before starting another`,
        { 'Retry-After': '60' },
      );
    }
    api.log.watch = started.watch.id;
    const body: Watch = watchOf(started.watch);
    sendJson(res, started.outcome === 'created' ? 201 : 200, body);
  };
}
