import { beforeEach, describe, expect, it } from 'vitest';
import { boardHref, withJob } from './board-link';
import { readLastBoard, rememberBoard } from './last-board';

const P = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const job = (jobId: string) => ({ region: 'eu-de', projectId: P, jobId });

describe('adding a job to the last board', () => {
  beforeEach(() => localStorage.clear());

  it('adds the job at the end, once', () => {
    const spec = { title: 'INC-1', jobs: [job('a1'), job('b2')] };
    expect(boardHref(withJob(spec, job('c3')))).toBe(
      `/board?jobs=eu-de/${P}/a1,eu-de/${P}/b2,eu-de/${P}/c3&title=INC-1`,
    );
    expect(withJob(spec, job('a1'))).toBe(spec);
  });

  it('keeps only valid jobs from storage', () => {
    rememberBoard({ title: 'T', jobs: [job('ok-1')] });
    expect(readLastBoard()).toEqual({ title: 'T', jobs: [job('ok-1')] });
    localStorage.setItem(
      'sfs-turbo-jobs:last-board',
      JSON.stringify({
        title: 5,
        jobs: [job('ok-2'), { region: 'x', projectId: 'y', jobId: '<b>' }],
      }),
    );
    expect(readLastBoard()).toEqual({ title: '', jobs: [job('ok-2')] });
    localStorage.setItem('sfs-turbo-jobs:last-board', '{not json');
    expect(readLastBoard()).toEqual({ title: '', jobs: [] });
  });
});
