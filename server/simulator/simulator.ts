import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl, SpecError, type ControlTarget, type SimulatorStats } from './control.ts';
import { GATEWAY, iamError, SFS, sfsError, type CannedAnswer } from './errors.ts';
import { newRequestId } from './format.ts';
import { readBody, send } from './http.ts';
import { FakeIam, type IamOptions } from './iam.ts';
import { JOB_ID_SHAPE, PROJECT_ID_SHAPE } from './ids.ts';
import { resolveJob, type JobSpec, type ResolvedJob } from './job-spec.ts';
import { DEMO_PROJECT_ID } from './scenario-ids.ts';
import { findScenario, scenarioProject, SCENARIOS } from './scenarios.ts';
import { jobDetailAt } from './timeline.ts';
import { WebhookReceiver } from './webhooks.ts';

// The public surface of the simulator is this module; the rest are its parts.
export { DEMO_PROJECT_ID, SCENARIO, SECOND_PROJECT_ID, type ScenarioName } from './scenario-ids.ts';
export { demoJobs, type DemoJob } from './scenarios.ts';
export { DOCUMENTED_JOB_TYPES } from './scenarios-jobs.ts';
export { DEMO_USER, type IamOptions, type IamUser } from './iam.ts';
export type { JobSpec, SubJobSpec, TaskSpec, CanonicalStatus } from './job-spec.ts';
export type { SimulatorStats } from './control.ts';
export type { ReceivedWebhook, WebhookKind } from './webhooks.ts';

export interface SimulatorOptions {
  /** Clock in ms since the epoch; default `Date.now`. Tests inject a fake one. */
  now?: () => number;
  /** Set: job requests need a token from the fake IAM. Unset: no authentication. */
  auth?: IamOptions;
  /** Multiplies deliberate delays (the slow scenario); default 1. */
  latencyScale?: number;
}

const JOB_ROUTE = /^\/v1\/([^/]*)\/sfs-turbo\/jobs\/([^/]*)\/?$/;
const IAM_ROUTE = /^\/v3\/auth\/tokens\/?$/;

/**
 * The request target as a URL. Prefixing (rather than resolving against a base) keeps `//x`
 * a path instead of a host; an absolute-form target (`GET http://host/path`) is taken as is.
 */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target.startsWith('/') ? `http://simulator.invalid${target}` : target);
  } catch {
    return undefined;
  }
}

/**
 * An in-memory SFS Turbo (ShowJobDetail), its API gateway and a fake IAM, as one HTTP handler.
 * A job's timeline starts when it is first asked for, so every viewer sees it live.
 */
export class Simulator implements ControlTarget {
  readonly #now: () => number;
  readonly #latencyScale: number;
  readonly #iam: FakeIam;
  readonly #authRequired: boolean;
  readonly #catalogueJobs = new Map<string, ResolvedJob>();
  readonly #created = new Map<string, ResolvedJob>();
  readonly #firstAsked = new Map<string, number>();
  readonly #answered = new Map<string, number>();
  readonly #requests = new Map<string, number>();
  /** Stands in for Slack, Teams and JSON webhook receivers (notifications' tests). */
  readonly webhooks = new WebhookReceiver();
  #total = 0;
  #offsetMs = 0;

  constructor(options: SimulatorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#latencyScale = options.latencyScale ?? 1;
    this.#authRequired = options.auth !== undefined;
    // IAM answers logins even when tokens are not required, so a client configured for a
    // password login works against either.
    this.#iam = new FakeIam(options.auth ?? {}, () => this.#clock());
    for (const scenario of SCENARIOS) {
      if (scenario.job) {
        const projectId = scenarioProject(scenario);
        this.#catalogueJobs.set(
          `${projectId}/${scenario.jobId}`,
          resolveJob(scenario.job, { projectId, jobId: scenario.jobId }),
        );
      }
    }
  }

  #clock(): number {
    return this.#now() + this.#offsetMs;
  }

  clock(): { nowMs: number; offsetMs: number } {
    return { nowMs: this.#clock(), offsetMs: this.#offsetMs };
  }

  /** Moves this simulator's clock forward, on top of `now()`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance() takes a finite, non-negative number of ms, not ${ms}`);
    this.#offsetMs += ms;
  }

  /** Forgets first-asked times, created jobs, counters, the clock offset and the webhooks received; keeps IAM tokens. */
  reset(): void {
    this.webhooks.clear();
    this.#created.clear();
    this.#firstAsked.clear();
    this.#answered.clear();
    this.#requests.clear();
    this.#total = 0;
    this.#offsetMs = 0;
  }

  stats(): SimulatorStats {
    return { total: this.#total, jobs: Object.fromEntries(this.#requests) };
  }

  /**
   * Adds a job (or replaces one created earlier under the same IDs, restarting its timeline).
   * @throws SpecError for malformed IDs or an ID the catalogue already uses.
   */
  createJob(spec: JobSpec): { projectId: string; jobId: string } {
    const projectId = spec.projectId ?? DEMO_PROJECT_ID;
    const jobId = spec.jobId ?? randomUUID();
    if (!PROJECT_ID_SHAPE.test(projectId))
      throw new SpecError(`projectId must be 32 lower-case hex characters, not "${projectId}"`);
    if (!JOB_ID_SHAPE.test(jobId))
      throw new SpecError(`jobId must be 1-64 letters, digits and dashes, not "${jobId}"`);
    if (findScenario(projectId, jobId))
      throw new SpecError(`${jobId} is a catalogue scenario; pick another jobId`, 409);
    const key = `${projectId}/${jobId}`;
    this.#created.set(key, resolveJob(spec, { projectId, jobId }));
    this.#firstAsked.delete(key);
    this.#answered.delete(key);
    return { projectId, jobId };
  }

  /** The whole HTTP surface: job route, fake IAM, control routes. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const requestId = newRequestId();
    this.#route(req, res, requestId).then(
      (answer) => {
        if (answer) send(res, answer, requestId, this.#clock());
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        send(
          res,
          sfsError(500, 'SIMULATOR.INTERNAL', `Simulator bug: ${message}`),
          requestId,
          this.#clock(),
        );
      },
    );
  }

  async #route(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<CannedAnswer | undefined> {
    const url = parseTarget(req.url ?? '/');
    if (!url) return SFS.parameterError();
    const path = url.pathname;
    const job = JOB_ROUTE.exec(path);
    if (job) return this.#jobRequest(req, res, requestId, job[1] ?? '', job[2] ?? '');
    if (path.startsWith('/__simulator/webhooks')) {
      const answer = await this.webhooks.handle(req, path, this.#clock());
      if (answer) return answer;
    }
    if (path.startsWith('/__simulator/')) return handleControl(this, req, path);
    if (IAM_ROUTE.test(path)) return this.#login(req, url);
    return sfsError(404, 'SFS.TURBO.0001', `Resource not found: ${req.method ?? 'GET'} ${path}`);
  }

  async #login(req: IncomingMessage, url: URL): Promise<CannedAnswer> {
    if (req.method !== 'POST') {
      return {
        ...iamError(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'),
        headers: { Allow: 'POST' },
      };
    }
    const body = await readBody(req);
    if (!body.ok)
      return iamError(413, 'Request Entity Too Large', 'The body is larger than 64 KiB.');
    const nocatalog = ['', 'true', '1'].includes(url.searchParams.get('nocatalog') ?? 'absent');
    const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
    return this.#iam.login(body.text, { nocatalog, baseUrl }).answer;
  }

  async #jobRequest(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    projectId: string,
    jobId: string,
  ): Promise<CannedAnswer | undefined> {
    const key = `${projectId}/${jobId}`;
    this.#total += 1;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return {
        ...sfsError(405, 'SFS.TURBO.0001', 'Method not allowed'),
        headers: { Allow: 'GET, HEAD' },
      };
    }
    // The API gateway checks the token before SFS Turbo sees the path.
    if (this.#authRequired) {
      const token = req.headers['x-auth-token'];
      const check = this.#iam.check(Array.isArray(token) ? token[0] : token, projectId);
      if (!check.ok) return GATEWAY.incorrectAuth(check.detail, requestId);
    }
    if (!PROJECT_ID_SHAPE.test(projectId) || !JOB_ID_SHAPE.test(jobId)) return SFS.parameterError();

    const created = this.#created.get(key);
    const scenario = created ? undefined : findScenario(projectId, jobId);
    const resolved = created ?? this.#catalogueJobs.get(key);
    if (!created && !scenario?.answer && !scenario?.job) return SFS.invalidJobId();

    const count = (this.#answered.get(key) ?? 0) + 1;
    this.#answered.set(key, count);
    if (scenario?.delayMs) {
      const alive = await this.#sleep(scenario.delayMs * this.#latencyScale, res);
      if (!alive) return undefined;
    }
    const canned = scenario?.answer?.({ count, requestId, nowMs: this.#clock() });
    if (canned) return canned;
    if (!resolved || (scenario && !scenario.job)) return SFS.invalidJobId();
    const anchor = this.#firstAsked.get(key);
    if (
      scenario?.forgetAfterMs !== undefined &&
      anchor !== undefined &&
      this.#clock() - anchor >= scenario.forgetAfterMs
    ) {
      return SFS.invalidJobId();
    }
    return { status: 200, body: this.#detail(key, resolved) };
  }

  #detail(key: string, job: ResolvedJob): Record<string, unknown> {
    const now = this.#clock();
    let anchor = this.#firstAsked.get(key);
    if (anchor === undefined) {
      anchor = now;
      this.#firstAsked.set(key, anchor);
    }
    return jobDetailAt(job, anchor, now - anchor);
  }

  /** Resolves false if the client went away first, so nothing is written to a dead socket. */
  #sleep(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        res.off('close', onClose);
        resolve(true);
      }, ms);
      res.once('close', onClose);
    });
  }
}

export interface RunningSimulator {
  url: string;
  port: number;
  simulator: Simulator;
  close(): Promise<void>;
}

/** Starts the simulator on its own HTTP server (default 127.0.0.1, a free port). */
export function startSimulator(
  options: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningSimulator> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  const simulator = new Simulator(simulatorOptions);
  const server = createServer((req, res) => simulator.handle(req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostPart}:${address.port}`,
        port: address.port,
        simulator,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Kept-alive sockets (the proxy pools them) and slow answers would hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
