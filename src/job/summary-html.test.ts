import { describe, expect, it } from 'vitest';
import { cell } from './markdown-cells';
import { summaryHtml, tableCells } from './summary-html';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('summaryHtml', () => {
  it('reads back exactly what cell() escaped', () => {
    for (const value of ['a|b', 'a\\|b', 'back\\slash', '\\', '|', 'x\\\\|y'])
      expect(tableCells(`| ${cell(value)} | end |`)).toEqual([value, 'end']);
  });

  it('builds headings, paragraphs and a table with header cells from the Markdown', () => {
    const doc = parse(
      summaryHtml(
        '## Title `x`\n\nFirst line\nsame paragraph.\n\n| A | B |\n|---|---|\n| `1` | <b>2</b> |\n',
      ),
    );
    expect(doc.querySelector('h2')?.innerHTML).toBe(
      'Title <code style="font-family:monospace">x</code>',
    );
    expect(doc.querySelector('p')?.textContent).toBe('First line same paragraph.');
    expect([...doc.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['A', 'B']);
    expect([...doc.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual([
      '1',
      '<b>2</b>',
    ]);
    expect(doc.querySelectorAll('b')).toHaveLength(0);
  });

  it('makes a link only of a web address', () => {
    const doc = parse(summaryHtml('See javascript:alert(1) and http://ok.example/x'));
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'http://ok.example/x',
    ]);
  });
});
