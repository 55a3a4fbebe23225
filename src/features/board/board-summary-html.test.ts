import { describe, expect, it } from 'vitest';
import { summaryHtml } from '../../job/summary-html';
import { boardCounts } from './board-counts';
import { boardSummary } from './board-summary';

const HOSTILE = '<img src=x onerror=alert(1)>';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function tableText(table: Element): string[][] {
  return [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.children].map((child) => child.textContent ?? ''),
  );
}

describe('summaryHtml of the board summary', () => {
  it('gives the board summary with its as-of time, the simulated mark and the board link', () => {
    const markdown = boardSummary({
      title: `Incident ${HOSTILE} | 42`,
      rows: [
        {
          entry: {
            kind: 'invalid',
            key: 'invalid-0',
            raw: HOSTILE,
            problem: 'Not a job reference',
          },
          data: undefined,
          error: null,
        },
      ],
      counts: boardCounts([]),
      now: Date.UTC(2026, 10, 29, 12, 0, 0),
      link: 'https://jobs.example/board?jobs=a',
      simulated: true,
    });
    const doc = parse(summaryHtml(markdown));
    expect(doc.querySelector('h2')?.textContent).toBe(`Incident ${HOSTILE} | 42`);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    const text = doc.body.textContent ?? '';
    expect(text).toContain('Data as of 2026-11-29 12:00:00 UTC');
    expect(text).toContain('Simulated data.');
    const [rows] = [...doc.querySelectorAll('table')].map(tableText);
    expect(rows?.[0]?.[5]).toBe('Job ID');
    expect(rows?.[1]?.[5]).toBe(HOSTILE);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://jobs.example/board?jobs=a');
  });
});
