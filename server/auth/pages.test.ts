import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';
import { renderPage } from './pages.ts';

const unescape = (html: string) =>
  html.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '',
  );

describe('server-rendered sign-in pages', () => {
  it('escapes any text into inert HTML that reads back as the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']/);
        expect(unescape(html)).toBe(text);
      }),
    );
  });

  it('puts titles, lines and links on the page as text only', () => {
    const hostile = '"><script>alert(1)</script>';
    const html = renderPage({
      title: hostile,
      lines: [hostile],
      links: [{ href: `/x?${hostile}`, label: hostile }],
    });
    expect(html).not.toContain('<script>');
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('href="/x?&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
