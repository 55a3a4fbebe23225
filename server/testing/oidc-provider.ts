/**
 * A real OpenID Provider for tests: panva's certified `oidc-provider`, on loopback over http,
 * with its development login screen (any password; the login name is the account, and its
 * `sub`) and one confidential client. Accounts, their groups and profile claims are given by
 * the test.
 */
import type { RequestListener } from 'node:http';
import { listen, type Running } from './servers.ts';

export interface TestAccount {
  groups: string[];
  /** No e-mail claim unless given. */
  email?: string;
  /** `email_verified` (with an `email`); default true. */
  emailVerified?: boolean;
  /** The display name (`name`), which a user can set; default the login name. */
  name?: string;
  /** `preferred_username`; default the login name; null leaves it out. */
  preferredUsername?: string | null;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface TestProviderOptions {
  /** Redirect URIs the client may use (the host's `{base}/auth/callback`). */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: Record<string, TestAccount>;
  /** Fixed port (Playwright runs use the helper's own range); 0 picks a free one. */
  port?: number;
}

// The provider announces, on the console, that its development conveniences are meant for
// development (in-memory store, dev keys, dev login screen, and Node 22 preferred). That is
// what a test wants; the notices are dropped so that the test output shows only our own.
let quieted = false;
function quietProviderNotices(): void {
  if (quieted) return;
  quieted = true;
  for (const level of ['warn', 'info'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      original(...args);
    };
  }
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  quietProviderNotices();
  const { default: Provider } = await import('oidc-provider');
  const clientId = 'sfs-turbo-jobs-test';
  const clientSecret = 'test-client-secret-not-for-production';

  // The issuer must be known before listening: reserve the port first, then mount.
  const mounted: { handler?: RequestListener } = {};
  const running: Running = await listen((req, res) => {
    if (mounted.handler) mounted.handler(req, res);
    else res.writeHead(503).end();
  }, options.port ?? 0);
  const issuer = `http://127.0.0.1:${running.port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // Groups come with the profile scope, as Keycloak's default "profile" mapper can do.
      profile: ['preferred_username', 'name', 'groups'],
    },
    cookies: { keys: ['test-only-cookie-key-0123456789abcdef'] },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: account.name ?? id,
          groups: account.groups,
          ...(account.preferredUsername === null
            ? {}
            : { preferred_username: account.preferredUsername ?? id }),
          ...(account.email === undefined
            ? {}
            : { email: account.email, email_verified: account.emailVerified ?? true }),
        }),
      };
    },
    // No consent screen: the dashboard is the provider's own first-party client here.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const clientIdOf = ctx.oidc.client?.clientId;
      if (!session?.accountId || !clientIdOf) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(clientIdOf);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: clientIdOf,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  mounted.handler = provider.callback();

  return { issuer, clientId, clientSecret, close: () => running.close() };
}
