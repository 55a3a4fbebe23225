import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestOrigin } from './request-origin.ts';

const request = (headers: Record<string, string>) =>
  ({ headers, socket: {} }) as unknown as IncomingMessage;
const forwarded = request({
  host: '127.0.0.1:5173',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'jobs.example.com',
});

describe('the origin users reach', () => {
  it('believes X-Forwarded-Proto and -Host from a trusted proxy only', () => {
    expect(requestOrigin(forwarded, { viaTrustedProxy: true }, undefined)).toBe(
      'https://jobs.example.com',
    );
    expect(requestOrigin(forwarded, { viaTrustedProxy: false }, undefined)).toBe(
      'http://127.0.0.1:5173',
    );
  });

  it('prefers PUBLIC_URL to anything a request says', () => {
    expect(
      requestOrigin(forwarded, { viaTrustedProxy: true }, 'https://team.example.org/sfs'),
    ).toBe('https://team.example.org');
  });

  it('ignores malformed forwarded values', () => {
    const odd = request({
      host: 'a.example',
      'x-forwarded-proto': 'javascript',
      'x-forwarded-host': 'evil.example/path',
    });
    expect(requestOrigin(odd, { viaTrustedProxy: true }, undefined)).toBe('http://a.example');
  });
});
