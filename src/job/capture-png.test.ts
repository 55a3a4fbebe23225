import { describe, expect, it } from 'vitest';
import { drawGaps, markRowsToSkip } from './capture-png';

function timeline(statuses: string[]): HTMLElement {
  const region = document.createElement('div');
  const list = document.createElement('ol');
  const job = document.createElement('li');
  job.dataset.rowKey = 'job';
  job.dataset.status = 'running';
  job.textContent = 'job';
  list.append(job);
  statuses.forEach((status, index) => {
    const row = document.createElement('li');
    row.dataset.rowKey = `id:${index}`;
    row.dataset.status = status;
    row.textContent = `${index} ${status}`;
    list.append(row);
  });
  region.append(list);
  return region;
}

/** What the picture draws, line by line: the clone without left-out rows, with the gap lines. */
function picture(region: HTMLElement): string[] {
  const clone = region.cloneNode(true) as HTMLElement;
  for (const row of clone.querySelectorAll('[data-capture-skip]')) row.remove();
  drawGaps(clone);
  return [...clone.querySelectorAll('li')].map((item) => item.textContent ?? '');
}

describe('the picture of a large job', () => {
  it('draws its failures and one row of every other state, and says where rows are left out', () => {
    const statuses = [
      ...Array.from({ length: 40 }, () => 'success'),
      'failed',
      ...Array.from({ length: 10 }, () => 'running'),
      'failed',
      ...Array.from({ length: 8 }, () => 'waiting'),
    ];
    const region = timeline(statuses);
    const marked = markRowsToSkip(region);
    const lines = picture(region);
    expect(lines.filter((line) => line.endsWith('failed'))).toEqual(['40 failed', '51 failed']);
    expect(lines.some((line) => line.endsWith('running'))).toBe(true);
    expect(lines.some((line) => line.endsWith('waiting'))).toBe(true);
    expect(lines.filter((line) => /^\d+ /.test(line))).toHaveLength(25);
    // The 21 earliest successes, 19 left out, then a failure, the first running row, 9 left out…
    expect(lines.slice(20, 27)).toEqual([
      '19 success',
      '20 success',
      '… 19 not shown …',
      '40 failed',
      '41 running',
      '… 9 not shown …',
      '51 failed',
    ]);
    expect(lines.slice(-2)).toEqual(['52 waiting', '… 7 not shown …']);
    const shown = lines.filter((line) => line.startsWith('… '));
    const leftOut = shown.reduce((sum, line) => sum + Number(/\d+/.exec(line)?.[0]), 0);
    expect(leftOut).toBe(statuses.length - 25);
    expect(marked.length).toBeGreaterThan(0);
  });

  it('draws no gap line when every row fits', () => {
    const region = timeline(['success', 'failed', 'running']);
    markRowsToSkip(region);
    expect(picture(region)).toEqual(['job', '0 success', '1 failed', '2 running']);
  });
});
