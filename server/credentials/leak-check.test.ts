import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leakCheck, MIN_SECRET_LENGTH, secretForms, sentSecrets } from './leak-check.ts';

// Secrets as they come: tokens and signatures (base64 and hex alphabets), passwords (anything
// printable, non-ASCII included).
const secretArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_'), minLength: 8, maxLength: 120 }),
  fc.string({ unit: 'grapheme', minLength: 8, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 8, maxLength: 40 }),
);
const textArb = fc.string({ maxLength: 60, unit: 'grapheme-ascii' });

/** The ways an echoing upstream hands a secret back, each around arbitrary text. */
const encodings: Record<string, (secret: string) => string> = {
  plain: (s) => s,
  json: (s) => JSON.stringify(s),
  'json with escaped slashes': (s) => JSON.stringify(s).replace(/\//g, '\\/'),
  'URL component': (s) => encodeURIComponent(s),
  'URL component, lower-case hex': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  'form encoding': (s) => encodeURIComponent(s).replace(/%20/g, '+'),
  URI: (s) => encodeURI(s),
  'JSON in a query string': (s) => encodeURIComponent(JSON.stringify({ token: s })),
};

describe('leak check', () => {
  it('finds a secret in every supported encoding, wherever it sits in the text', () => {
    fc.assert(
      fc.property(secretArb, textArb, textArb, fc.constantFrom(...Object.keys(encodings)), (secret, before, after, name) => {
        const encode = encodings[name]!;
        expect(leakCheck([secret]).holdsSecret(`${before}${encode(secret)}${after}`)).toBe(true);
      }),
    );
  });

  it('finds a secret inside any base64 text, at every byte alignment, standard and URL-safe', () => {
    fc.assert(
      fc.property(
        secretArb,
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        (secret, before, after, url, asJson) => {
          const inner = asJson ? JSON.stringify({ 'x-auth-token': secret }) : secret;
          const bytes = Buffer.concat([Buffer.from(before), Buffer.from(inner, 'utf8'), Buffer.from(after)]);
          const echoed = bytes.toString(url ? 'base64url' : 'base64');
          expect(leakCheck([secret]).holdsSecret(`X-Echo: ${echoed}`)).toBe(true);
        },
      ),
    );
  });

  it('finds a secret in raw bytes as in strings', () => {
    fc.assert(
      fc.property(secretArb, textArb, (secret, around) => {
        const body = Buffer.from(`{"a":"${around}","b":${JSON.stringify(secret)}}`, 'utf8');
        expect(leakCheck(['unrelated-secret-value', secret]).holdsSecret(body)).toBe(true);
      }),
    );
  });

  it('does not flag text that holds no form of the secret', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }),
        fc.string({ unit: fc.constantFrom(...'ghijklmnopqrstuvwxyz'), maxLength: 200 }),
        (secret, text) => {
          // Letters g-z alone cannot hold a hex secret in plain, JSON or percent form, and
          // base64 text never appears in them either (no digits, no upper case).
          fc.pre(!/[A-Z0-9]/.test(text));
          expect(leakCheck([secret]).holdsSecret(text)).toBe(false);
        },
      ),
    );
  });

  it('lets a job answer through when none of the secrets is in it', () => {
    const check = leakCheck(['MIIEtoken-value-0123456789abcdefghijklmnop', 'pa55-word!']);
    const job = JSON.stringify({ job_id: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433', status: 'running', begin_time: '2024-01-01 10:00:00' });
    expect(check.holdsSecret(job)).toBe(false);
    expect(check.holdsSecret('req-0123456789')).toBe(false);
  });

  it(`ignores secrets shorter than ${MIN_SECRET_LENGTH} characters and knows none by default`, () => {
    expect(leakCheck(['abc']).holdsSecret('abcabcabc')).toBe(false);
    expect(leakCheck([]).holdsSecret('anything at all')).toBe(false);
    expect(secretForms('abcdef')).toContain('abcdef');
  });

  it('adds the secrets a request sent to those the server holds', () => {
    const held = leakCheck(['held-password-1']);
    const sent = held.with(['sent-token-value-2']);
    expect(held.holdsSecret('x sent-token-value-2 x')).toBe(false);
    expect(sent.holdsSecret('x sent-token-value-2 x')).toBe(true);
    expect(sent.holdsSecret('x held-password-1 x')).toBe(true);
  });

  it('takes the token, the Authorization header and its signature from the sent headers', () => {
    expect(
      sentSecrets({
        'X-Auth-Token': 'tok-123456',
        Authorization: 'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=abcdef0123',
        'X-Sdk-Date': '20240101T000000Z',
        'X-Project-Id': 'e9993fc787d94b6c886cbaa340f9c0f4',
      }),
    ).toEqual([
      'tok-123456',
      'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=abcdef0123',
      'abcdef0123',
    ]);
  });
});
