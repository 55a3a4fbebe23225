import { randomBytes } from 'node:crypto';
import { iamError, type CannedAnswer } from './errors.ts';
import { formatKeystoneTime, stableUuid } from './format.ts';
import { parseJson } from './http.ts';
import { PROJECT_ID_SHAPE } from './ids.ts';

export interface IamUser {
  name: string;
  password: string;
  /** The account (IAM domain) name; a login may name it or give it as `domain.id`. */
  domain: string;
}

export interface IamOptions {
  /** Default 86400 (24 h, as IAM). */
  tokenTtlSeconds?: number;
  /** Default: {@link DEMO_USER} only. */
  users?: IamUser[];
}

/** The user the fake IAM knows when no users are configured. Not a secret: it only opens the simulator. */
export const DEMO_USER: IamUser = {
  name: 'demo',
  password: 'demo-password',
  domain: 'demo-domain',
};

interface IssuedToken {
  projectId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true } | { ok: false; detail: string };

const UNAUTHORIZED = () =>
  iamError(401, 'Unauthorized', 'The request you have made requires authentication.');
const badRequest = (message: string) =>
  iamError(
    400,
    'Bad Request',
    `${message} The server could not comply with the request since it is either malformed or otherwise incorrect.`,
  );

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Keystone v3 password login with a project scope, and the token check the API gateway does
 * in front of SFS Turbo. Tokens live in memory; a reset of the simulator keeps them, since a
 * proxy holding one would otherwise start failing mid-test.
 */
export class FakeIam {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #users: IamUser[];
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: IamOptions, now: () => number) {
    this.#users = options.users ?? [DEMO_USER];
    this.#ttlMs = (options.tokenTtlSeconds ?? 86_400) * 1000;
    this.#now = now;
  }

  /** `POST /v3/auth/tokens`. `baseUrl` is where the caller reached the simulator, for the catalogue. */
  login(
    bodyText: string,
    options: { nocatalog: boolean; baseUrl: string },
  ): { answer: CannedAnswer; token?: string } {
    const parsed = parseJson(bodyText);
    if (!parsed.ok) return { answer: badRequest('The body is not JSON.') };
    const auth = record(record(parsed.value)?.auth);
    const identity = record(auth?.identity);
    if (!auth || !identity) return { answer: badRequest("Expecting to find 'auth.identity'.") };
    const methods = identity.methods;
    if (!Array.isArray(methods) || !methods.includes('password')) {
      return {
        answer: badRequest(
          "Expecting 'password' in 'auth.identity.methods' (the only method simulated).",
        ),
      };
    }
    const user = record(record(identity.password)?.user);
    const domain = record(user?.domain);
    const name = user?.name;
    const password = user?.password;
    const domainName = domain?.name ?? domain?.id;
    if (
      typeof name !== 'string' ||
      typeof password !== 'string' ||
      typeof domainName !== 'string'
    ) {
      return {
        answer: badRequest(
          "Expecting 'name', 'password' and 'domain.name' (or 'domain.id') in 'auth.identity.password.user'.",
        ),
      };
    }
    const projectId = record(record(auth.scope)?.project)?.id;
    if (typeof projectId !== 'string')
      return { answer: badRequest("Expecting a project scope with 'auth.scope.project.id'.") };

    const known = this.#users.find(
      (candidate) => candidate.name === name && candidate.domain === domainName,
    );
    if (!known || known.password !== password || !PROJECT_ID_SHAPE.test(projectId))
      return { answer: UNAUTHORIZED() };

    const issuedAt = this.#now();
    const expiresAt = issuedAt + this.#ttlMs;
    this.#forgetExpired(issuedAt);
    const token = `MIIsim${randomBytes(48).toString('base64url')}`;
    this.#tokens.set(token, { projectId, expiresAt });

    const domainRef = {
      id: stableUuid(`domain/${known.domain}`).replaceAll('-', ''),
      name: known.domain,
    };
    const body: Record<string, unknown> = {
      methods: ['password'],
      expires_at: formatKeystoneTime(expiresAt),
      issued_at: formatKeystoneTime(issuedAt),
      user: {
        id: stableUuid(`user/${known.domain}/${known.name}`).replaceAll('-', ''),
        name: known.name,
        domain: domainRef,
        password_expires_at: '',
      },
      project: { id: projectId, name: 'eu-de_simulated', domain: domainRef },
      roles: [{ id: stableUuid('role/te_admin').replaceAll('-', ''), name: 'te_admin' }],
    };
    if (!options.nocatalog) body.catalog = catalogue(options.baseUrl, projectId);
    return {
      answer: { status: 201, body: { token: body }, headers: { 'X-Subject-Token': token } },
      token,
    };
  }

  /** What the gateway says about `X-Auth-Token` for a request on `projectId`. */
  check(token: string | undefined, projectId: string): TokenCheck {
    if (token === undefined || token === '') return { ok: false, detail: 'x-auth-token not found' };
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, detail: 'decrypt token fail' };
    if (this.#now() >= issued.expiresAt) {
      return {
        ok: false,
        detail: `token expires, expires_at: ${formatKeystoneTime(issued.expiresAt)}`,
      };
    }
    if (issued.projectId !== projectId)
      return { ok: false, detail: 'the token is not scoped to this project' };
    return { ok: true };
  }

  #forgetExpired(now: number): void {
    for (const [token, issued] of this.#tokens)
      if (issued.expiresAt <= now) this.#tokens.delete(token);
  }
}

function catalogue(baseUrl: string, projectId: string): unknown[] {
  const endpoint = (service: string, url: string) => ({
    id: stableUuid(`endpoint/${service}`).replaceAll('-', ''),
    interface: 'public',
    region: 'eu-de',
    region_id: 'eu-de',
    url,
  });
  return [
    {
      id: stableUuid('service/sfs-turbo').replaceAll('-', ''),
      name: 'sfs-turbo',
      type: 'sfs-turbo',
      endpoints: [endpoint('sfs-turbo', `${baseUrl}/v1/${projectId}`)],
    },
    {
      id: stableUuid('service/iam').replaceAll('-', ''),
      name: 'iam',
      type: 'identity',
      endpoints: [endpoint('iam', `${baseUrl}/v3`)],
    },
  ];
}
