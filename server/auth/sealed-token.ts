import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, SignJWT, compactDecrypt, jwtVerify, type JWTPayload } from 'jose';

/**
 * Signed, then encrypted (a JWS inside a JWE, both by `jose`): the browser holds the session,
 * cannot read it, and cannot change it. Keys are derived per purpose from `SESSION_SECRET`,
 * so a sign-in flow cookie can never be passed off as a session, nor the other way round.
 */
export interface Sealer {
  seal(claims: JWTPayload, maxAgeSec: number): Promise<string>;
  /** The claims, or undefined when the token is tampered with, expired or of another purpose. */
  open(token: string): Promise<JWTPayload | undefined>;
}

function derive(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'sfs-turbo-jobs', info, 32));
}

export function createSealer(secret: string, purpose: 'session' | 'login'): Sealer {
  const signKey = derive(secret, `${purpose}/sign`);
  const encryptKey = derive(secret, `${purpose}/encrypt`);
  const audience = `sfs-turbo-jobs/${purpose}`;
  return {
    async seal(claims, maxAgeSec) {
      const signed = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setAudience(audience)
        .setExpirationTime(`${maxAgeSec}s`)
        .sign(signKey);
      return new CompactEncrypt(new TextEncoder().encode(signed))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' })
        .encrypt(encryptKey);
    },
    async open(token) {
      try {
        const { plaintext } = await compactDecrypt(token, encryptKey, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), signKey, {
          algorithms: ['HS256'],
          audience,
        });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
