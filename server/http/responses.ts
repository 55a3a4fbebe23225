import type { ServerResponse } from 'node:http';
import type { ProxyErrorCode } from '../../common/contract.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/**
 * On every `/api/` answer: the pages' hardening headers (`Cross-Origin-Resource-Policy:
 * same-origin` keeps other sites' `<img>` and `<script>` from reading an answer, nosniff,
 * no framing), and a stricter CSP. Upstream bodies may be anything (a gateway's HTML error
 * page): nosniff and a sandboxing CSP make sure such a body, opened directly, is inert on
 * our origin.
 */
export const FORWARDED_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
};

/** Answers with the SFS Turbo error shape, so the browser parses proxy and cloud errors alike. */
export function sendProxyError(
  res: ServerResponse,
  status: number,
  errCode: ProxyErrorCode,
  errMsg: string,
  extraHeaders: Record<string, string> = {},
): void {
  sendJson(res, status, { errCode, errMsg }, extraHeaders);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...FORWARDED_RESPONSE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}
