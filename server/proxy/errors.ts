import type { ServerResponse } from 'node:http';
import type { ProxyErrorCode } from '../../common/contract.ts';

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
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}
