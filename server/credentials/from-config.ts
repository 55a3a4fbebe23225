import type { ServerConfig } from '../config/config.ts';
import type { CredentialMechanism, CredentialSettings } from '../config/credentials.ts';
import { akskSigner } from './aksk.ts';
import { passwordLogin } from './iam-password.ts';
import { noCredentials, staticToken, type CredentialProvider } from './provider.ts';

function regionIam(config: ServerConfig): (region: string) => string | undefined {
  const byId = new Map(config.regions.map((region) => [region.id, region.iam || undefined]));
  return (region) => byId.get(region);
}

function providerFor(mechanism: CredentialMechanism, config: ServerConfig): CredentialProvider {
  switch (mechanism.type) {
    case 'token':
      return staticToken(mechanism.token, mechanism.source);
    case 'aksk':
      return akskSigner({
        accessKey: mechanism.accessKey,
        secretKey: mechanism.secretKey,
        source: mechanism.source,
      });
    case 'password':
      return passwordLogin({
        identity: mechanism.identity,
        authUrl: mechanism.authUrl,
        iamForRegion: regionIam(config),
        timeoutMs: config.upstreamTimeoutMs,
        maxLoginsPerMinute: config.maxLoginsPerMinute,
        source: mechanism.source,
      });
  }
}

/**
 * The provider for the configured credential: it holds the state (token cache, login budget)
 * that the settings, read once at start, do not.
 */
export function credentialProvider(
  settings: CredentialSettings,
  config: ServerConfig,
): CredentialProvider {
  if (settings.kind === 'none') return noCredentials;
  const provider = providerFor(settings.mechanism, config);
  if (settings.kind === 'cloud') return { ...provider, kind: 'cloud', home: settings.home };
  return settings.home ? { ...provider, home: settings.home } : provider;
}
