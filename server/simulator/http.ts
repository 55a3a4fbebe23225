import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CannedAnswer } from './errors.ts';

/** Control and IAM bodies are small; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Past this much, an oversized body is not even drained: the connection is dropped. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Writes an answer with the headers every SFS Turbo answer carries. `Date` comes from the
 * simulator's clock, as a real server's comes from its own: clients that estimate clock skew
 * from it (the proxy's IAM login does) then agree with the token expiry the simulator sends.
 */
export function send(
  res: ServerResponse,
  answer: CannedAnswer,
  requestId: string,
  nowMs: number,
): void {
  if (res.headersSent || res.destroyed) return;
  const raw = answer.contentType !== undefined;
  const text = raw ? String(answer.body) : JSON.stringify(answer.body);
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType ?? 'application/json');
  res.setHeader('X-request-id', requestId);
  res.setHeader('Date', new Date(nowMs).toUTCString());
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export type BodyResult =
  { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads a request body of at most {@link MAX_BODY_BYTES}; never rejects. */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      // Keep reading (and dropping) so the client gets to see the 413 instead of a reset.
      if (!tooLarge) chunks.push(chunk);
      if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () =>
      resolve(
        tooLarge
          ? { ok: false, reason: 'too-large' }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, reason: tooLarge ? 'too-large' : 'aborted' });
    });
  });
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
