import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boardHref } from '../../job/board-link';
import { parseBoardSearch } from './board-url';

const P1 = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const P2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('the board address', () => {
  it('keeps the order, merges duplicates and turns bad entries into cards that say why', () => {
    const board = parseBoardSearch(
      `?jobs=eu-de/${P1}/job-b,eu-nl/${P2}/job-a,eu-de/${P1}/job-b,eu-de/nope/x,,just-text&title=Ticket%20123`,
    );
    expect(board.title).toBe('Ticket 123');
    expect(board.duplicates).toBe(1);
    expect(
      board.entries.map((entry) => (entry.kind === 'job' ? entry.key : `! ${entry.raw}`)),
    ).toEqual([`eu-de/${P1}/job-b`, `eu-nl/${P2}/job-a`, '! eu-de/nope/x', '! just-text']);
    const [, , bad, text] = board.entries;
    expect(bad).toMatchObject({ problem: expect.stringContaining('project ID') });
    expect(text).toMatchObject({ problem: expect.stringContaining('1 part') });
  });

  it('reads the ticket view and a board without jobs', () => {
    expect(parseBoardSearch('?view=ticket')).toMatchObject({
      entries: [],
      title: '',
      ticketView: true,
    });
  });

  it('round-trips any list of jobs and any title through the link', () => {
    const job = fc.record({
      region: fc.constantFrom('eu-de', 'eu-nl', 'cn-north-4', 'ap-southeast-1'),
      projectId: fc.stringMatching(/^[0-9a-f]{32}$/),
      jobId: fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(job, {
          selector: (j) => `${j.region}/${j.projectId}/${j.jobId}`,
          maxLength: 8,
        }),
        fc.string(),
        (jobs, title) => {
          const href = boardHref({ title, jobs });
          const parsed = parseBoardSearch(href.slice(href.indexOf('?')));
          expect(
            parsed.entries.map((entry) => (entry.kind === 'job' ? entry.target : entry)),
          ).toEqual(jobs);
          expect(parsed.title).toBe(title.trim() ? title : '');
        },
      ),
    );
  });
});
