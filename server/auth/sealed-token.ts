import { createHash, hkdfSync } from 'node:crypto';
import { CompactEncrypt, SignJWT, compactDecrypt, jwtVerify, type JWTPayload } from 'jose';

/**
 * Signed, then encrypted (a JWS inside a JWE, both by `jose`): the browser holds the session,
 * cannot read it, and cannot change it. Keys are derived per purpose from `SESSION_SECRET`,
 * so a sign-in flow cookie can never be passed off as a session, nor the other way round.
 */
export interface Sealer {
  seal(claims: JWTPayload, maxAgeSec: number): Promise<string>;
  /**
   * The claims, or undefined when the token is tampered with, expired, of another purpose,
   * or made for another issuer or client.
   */
  open(token: string): Promise<JWTPayload | undefined>;
}

/** The deployment a token belongs to: its identity provider and its client there. */
export interface SealerScope {
  /** The issuer as `issuerName` spells it. */
  issuer: string;
  clientId: string;
}

function derive(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'sfs-turbo-jobs', info, 32));
}

/**
 * Two deployments that share `SESSION_SECRET` (a copied secret, a staging and a production
 * with the same value) but not their provider or client must not accept each other's
 * cookies: a user signed in at one provider is not a user of the other. The keys are bound
 * to issuer and client, and the token names them (`iss`, `aud`) and is checked for them too.
 */
export function createSealer(
  secret: string,
  purpose: 'session' | 'login',
  scope: SealerScope,
): Sealer {
  // Hashed: HKDF's info is limited to 1024 bytes, an issuer URL and a client ID are not.
  const bound = createHash('sha256')
    .update(JSON.stringify([scope.issuer, scope.clientId]))
    .digest('base64url');
  const signKey = derive(secret, `${purpose}/sign/${bound}`);
  const encryptKey = derive(secret, `${purpose}/encrypt/${bound}`);
  const type = `sfs-turbo-jobs-${purpose}+jwt`;
  return {
    async seal(claims, maxAgeSec) {
      const signed = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: type })
        .setIssuedAt()
        .setIssuer(scope.issuer)
        .setAudience(scope.clientId)
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
          typ: type,
          issuer: scope.issuer,
          audience: scope.clientId,
        });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
