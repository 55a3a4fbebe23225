import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metric names are a contract (DESIGN.md, "Serving and operating"): dashboards use them. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'sfs_turbo_http_requests_total',
      help: 'Requests answered, by route and HTTP status',
      labelNames: ['route', 'code'] as const,
      registers: [registry],
    }),
    upstreamRequests: new Counter({
      name: 'sfs_turbo_upstream_requests_total',
      help: 'Requests sent to an SFS Turbo endpoint (or the simulator), by region and status or failure',
      labelNames: ['region', 'code'] as const,
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'sfs_turbo_upstream_request_duration_seconds',
      help: 'Time from sending a request upstream to its complete answer',
      labelNames: ['region'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers: [registry],
    }),
    coalesced: new Counter({
      name: 'sfs_turbo_upstream_coalesced_total',
      help: 'Job requests answered from an identical request in flight or an answer still fresh, without a request upstream',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
