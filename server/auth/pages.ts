import type { ServerResponse } from 'node:http';
import { escapeHtml } from './escape-html.ts';

export interface PageLink {
  href: string;
  label: string;
}

export interface PageContent {
  title: string;
  /** Plain text paragraphs; escaped here, never HTML. */
  lines: string[];
  links: PageLink[];
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:34rem;margin:12vh auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d5d9de;border-radius:.5rem}
h1{font-size:1.35rem;margin:0 0 .75rem}p{margin:.5rem 0}
a{display:inline-block;margin:.75rem .75rem 0 0;padding:.4rem .9rem;border-radius:.35rem;background:#1d4ed8;color:#fff;text-decoration:none}
a:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}.app{color:#57606a;font-size:.9rem;margin:0 0 1rem}`;

/** A small page of its own (the SPA is not loaded for refusals): headings, text, links. */
export function renderPage(content: PageContent): string {
  const lines = content.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const links = content.links
    .map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)} · SFS Turbo jobs</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="app">SFS Turbo jobs</p>
<h1>${escapeHtml(content.title)}</h1>
${lines}
<nav aria-label="What to do next">${links}</nav>
</main>
</body>
</html>
`;
}

export function sendPage(res: ServerResponse, status: number, content: PageContent): void {
  const html = renderPage(content);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
