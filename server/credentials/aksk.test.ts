import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  akskSigner,
  canonicalRequest,
  sdkDate,
  signature,
  signedHeadersFor,
  stringToSign,
} from './aksk.ts';

const P = 'e9993fc787d94b6c886cbaa340f9c0f4';
const JOB = '26f6b565-xxxx-XXXX-xxxx-03f0bd975433';

describe('SDK-HMAC-SHA256 signing', () => {
  // Published vectors: the unit tests of Huawei's own API-gateway signing SDK (Python).
  it('matches the signing SDK’s published canonical request, string to sign and HMAC', () => {
    const { text } = canonicalRequest({
      method: 'POST',
      url: new URL(
        'https://30030113-3657-4fb6-a7ef-90764239b038.apigw.cn-north-1.huaweicloud.com/app1?a=1',
      ),
      headers: { 'x-stage': 'RELEASE' },
      body: 'body',
    });
    expect(text).toBe(
      'POST\n/app1/\na=1\nx-stage:RELEASE\n\nx-stage\n230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb5',
    );

    // That test's canonical request is an indented triple-quoted string; reproduced exactly.
    const pad = ' '.repeat(12);
    const indented = [
      'POST',
      `${pad}/app1%3Fa%3D1/`,
      `${pad}a=1`,
      `${pad}host:30030113-3657-4fb6-a7ef-90764239b038.apigw.cn-north-1.huaweicloud.com`,
      `${pad}x-sdk-date:20240326T030801Z`,
      `${pad}x-stage:RELEASE`,
      pad,
      `${pad}host;x-sdk-date;x-stage`,
      `${pad}230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb5`,
    ].join('\n');
    expect(stringToSign(indented, '20240326T030801Z')).toBe(
      'SDK-HMAC-SHA256\n20240326T030801Z\n5847720941657701137ad8098b63585092cea7d982e14b2efd0a668460f2da2a',
    );
    expect(signature('abc', 'abc')).toBe(
      '2f02e24ae2e1fe880399f27600afa88364e6062bf9bbe114b32fa8f23d03608a',
    );
  });

  /*
   * Hand-verified, independently of this code, with coreutils and OpenSSL:
   *   E=$(printf '' | sha256sum | cut -d' ' -f1)
   *   C=$(printf 'GET\n/v1/<P>/sfs-turbo/jobs/<JOB>/\n\nhost:sfs-turbo.eu-de.otc.t-systems.com\n'\
   *        'x-project-id:<P>\nx-sdk-date:20240326T030801Z\n\nhost;x-project-id;x-sdk-date\n%s' $E)
   *   H=$(printf '%s' "$C" | sha256sum | cut -d' ' -f1)
   *   printf 'SDK-HMAC-SHA256\n20240326T030801Z\n%s' $H | openssl dgst -sha256 -hmac "$SK"
   */
  it('signs an SFS Turbo job request exactly as computed by hand', () => {
    const headers = signedHeadersFor({
      method: 'GET',
      url: new URL(`https://sfs-turbo.eu-de.otc.t-systems.com/v1/${P}/sfs-turbo/jobs/${JOB}`),
      projectId: P,
      accessKey: 'TESTACCESSKEY0000001',
      secretKey: 'TESTSECRETKEY0000000000000000000000000000',
      now: new Date(Date.UTC(2024, 2, 26, 3, 8, 1, 789)),
    });
    expect(headers).toEqual({
      Host: 'sfs-turbo.eu-de.otc.t-systems.com',
      'X-Sdk-Date': '20240326T030801Z',
      'X-Project-Id': P,
      Authorization:
        'SDK-HMAC-SHA256 Access=TESTACCESSKEY0000001, SignedHeaders=host;x-project-id;x-sdk-date, ' +
        'Signature=87a21ee7e0c24357cf2c3535e6a490422983e0786d31aa7cc7621cf411bd0297',
    });
  });

  it('encodes path segments and sorts the query as computed by hand (port kept in host)', () => {
    const url = new URL('http://127.0.0.1:8080/v1/a%20b/c?b=x/y&a=1&a=0');
    const headers = { 'X-Sdk-Date': '20250101T000000Z', Host: url.host };
    const { text, signedHeaders } = canonicalRequest({ method: 'get', url, headers });
    expect(text).toBe(
      'GET\n/v1/a%20b/c/\na=0&a=1&b=x%2Fy\nhost:127.0.0.1:8080\nx-sdk-date:20250101T000000Z\n\nhost;x-sdk-date\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(signedHeaders).toBe('host;x-sdk-date');
    expect(signature('sk-example', stringToSign(text, '20250101T000000Z'))).toBe(
      'f2e7a97369777a4cf207a0525a5326a9c6364559c197b220fbea5bfe860d3447',
    );
  });

  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(sdkDate(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
    expect(sdkDate(new Date(0))).toBe('19700101T000000Z');
  });

  /**
   * A second, deliberately plain implementation written from the spec text in FACTS.md, for
   * the inputs the proxy actually signs (IDs are letters, digits and dashes, so no encoding).
   */
  function referenceSignature(
    ak: string,
    sk: string,
    host: string,
    path: string,
    projectId: string,
    date: string,
  ) {
    const hex = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical =
      'GET\n' +
      path +
      '/\n' +
      '\n' +
      'host:' +
      host +
      '\n' +
      'x-project-id:' +
      projectId +
      '\n' +
      'x-sdk-date:' +
      date +
      '\n' +
      '\n' +
      'host;x-project-id;x-sdk-date\n' +
      hex('');
    const toSign = 'SDK-HMAC-SHA256\n' + date + '\n' + hex(canonical);
    const sig = createHmac('sha256', sk).update(toSign).digest('hex');
    return (
      'SDK-HMAC-SHA256 Access=' +
      ak +
      ', SignedHeaders=host;x-project-id;x-sdk-date, Signature=' +
      sig
    );
  }

  it('agrees with the plain reference implementation on generated requests', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]$/);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{32}$/),
        id,
        fc.stringMatching(/^[A-Z0-9]{20}$/),
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(
          'sfs-turbo.eu-de.otc.t-systems.com',
          '127.0.0.1:9443',
          'sfs-turbo.cn-north-4.myhuaweicloud.com',
        ),
        (projectId, jobId, ak, sk, now, host) => {
          const path = `/v1/${projectId}/sfs-turbo/jobs/${jobId}`;
          const headers = signedHeadersFor({
            method: 'GET',
            url: new URL(`https://${host}${path}`),
            projectId,
            accessKey: ak,
            secretKey: sk,
            now,
          });
          expect(headers.Authorization).toBe(
            referenceSignature(ak, sk, host, path, projectId, sdkDate(now)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('describes itself without the secret key', async () => {
    const signer = akskSigner({
      accessKey: 'AKEXAMPLE0000000WXYZ',
      secretKey: 'very-secret-sk',
      source: 'OS_ACCESS_KEY/OS_SECRET_KEY',
    });
    expect(signer.kind).toBe('aksk');
    expect(signer.description).toContain('…WXYZ');
    expect(signer.description).not.toContain('very-secret-sk');
    const headers = await signer.headersFor({
      method: 'GET',
      url: new URL(`https://h/v1/${P}/sfs-turbo/jobs/x`),
      region: 'eu-de',
      projectId: P,
    });
    expect(JSON.stringify(headers)).not.toContain('very-secret-sk');
    expect(signer.invalidate(P, headers)).toBe(false);
  });
});
