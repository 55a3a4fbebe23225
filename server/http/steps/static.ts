import { PROXY_ERROR } from '../../../common/contract.ts';
import { chooseCoding } from '../accept-encoding.ts';
import type { Step } from '../context.ts';
import { sendProxyError } from '../responses.ts';
import type { StaticFile, StaticSite } from '../static-site.ts';

/**
 * A file name ends in a short extension of letters and digits (`robots.txt`, `app-1a2b.js`).
 * A dot elsewhere does not make one: an ID in a page route may hold dots and anything else.
 */
const FILE_NAME = /\.[A-Za-z0-9]{1,8}$/;

/**
 * Built files, and index.html for every page route (the SPA fallback). A miss under
 * `/assets/` or for a file name is a 404, not the page: a stale chunk must fail as a missing
 * script, never parse HTML as JavaScript.
 */
export function staticFiles(site: StaticSite): Step {
  return async (req, res, ctx) => {
    let file: StaticFile | undefined = site.files.get(ctx.path);
    ctx.log.route = 'static';
    if (!file) {
      if (ctx.path.startsWith('/assets/') || FILE_NAME.test(ctx.path)) {
        ctx.log.route = 'static-miss';
        res.writeHead(404, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-cache',
        });
        res.end('Not found\n');
        return;
      }
      file = site.page(ctx.path);
      ctx.log.route = 'page';
    }
    if (file === site.index) ctx.log.route = 'page';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendProxyError(res, 405, PROXY_ERROR.methodNotAllowed, 'Only GET and HEAD are allowed', {
        Allow: 'GET, HEAD',
      });
      return;
    }
    const coding = chooseCoding(req.headers['accept-encoding'], {
      br: file.br !== undefined,
      gzip: file.gzip !== undefined,
    });
    const body = coding === 'br' ? file.br : coding === 'gzip' ? file.gzip : file.body;
    // One ETag per representation: a cache must not answer a gzip request with brotli bytes.
    const etag = coding === 'identity' ? file.etag : `${file.etag.slice(0, -1)}-${coding}"`;
    const headers: Record<string, string | number> = {
      'Content-Type': file.type,
      'Cache-Control': file.cacheControl,
      ETag: etag,
      Vary: 'Accept-Encoding',
    };
    if (coding !== 'identity') headers['Content-Encoding'] = coding;
    if (file.sourceMap) headers.SourceMap = file.sourceMap;
    const ifNoneMatch = req.headers['if-none-match'];
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
    ) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['Content-Length'] = (body ?? file.body).length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
