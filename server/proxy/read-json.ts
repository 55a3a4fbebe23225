import type { IncomingMessage } from 'node:http';

export type JsonBody =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * A request's JSON body, read up to `maxBytes`. Only `application/json` is read: a form
 * another site posts (`text/plain`, urlencoded) needs no preflight, a JSON one does, and this
 * server answers no preflight.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return {
      ok: false,
      status: 415,
      message: 'The body must be JSON (Content-Type: application/json)',
    };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return { ok: false, status: 413, message: `The body must be at most ${maxBytes} bytes` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const complete = await new Promise<boolean>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Read on and drop the rest, so that the answer reaches a client still sending.
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(size <= maxBytes));
    req.once('error', reject);
  });
  if (!complete)
    return { ok: false, status: 413, message: `The body must be at most ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON' };
  }
}
