import { describe, expect, it } from 'vitest';
import { summaryHtml } from '../../../job/summary-html';
import { ticketSummary } from './summary';

const HOSTILE = '<img src=x onerror=alert(1)>';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** The table as text, row by row: header cells first. */
function tableText(table: Element): string[][] {
  return [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.children].map((child) => child.textContent ?? ''),
  );
}

const target = {
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: '26f6b565-0000-4000-8000-03f0bd975433',
};

function hostileJobSummary(simulated: boolean): string {
  return ticketSummary({
    job: {
      status: 'failed',
      job_type: HOSTILE,
      begin_time: '2026-11-29 10:00:00',
      end_time: '2026-11-29 11:57:03',
      error_code: `SFS.TURBO.0030${HOSTILE}`,
      fail_reason: `quota | <script>alert(2)</script> & \\ "quoted" \`tick\``,
      sub_jobs: [
        {
          job_id: `sub-1${HOSTILE}`,
          status: 'failed',
          begin_time: '2026-11-29 10:00:05',
          end_time: '2026-11-29 10:01:05',
          error_code: 'SFS.TURBO.0029',
          fail_reason: `<a href="javascript:alert(3)">click</a>`,
        },
      ],
    },
    target,
    regionName: `Region ${HOSTILE}`,
    requestId: 'req-42',
    dataAt: Date.UTC(2026, 10, 29, 12, 0, 0),
    permalink: 'https://jobs.example/eu-de/projects/x/jobs/y',
    simulated,
  });
}

describe('summaryHtml of the job summary', () => {
  it('keeps hostile values as text: no element, attribute or script of theirs', () => {
    const html = summaryHtml(hostileJobSummary(true));
    const doc = parse(html);
    expect(doc.querySelectorAll('img, script, [onerror]')).toHaveLength(0);
    // The only link is the permalink; the reason's anchor is text.
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://jobs.example/eu-de/projects/x/jobs/y',
    ]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const text = doc.body.textContent ?? '';
    expect(text).toContain(`SFS.TURBO.0030${HOSTILE}`);
    expect(text).toContain(`sub-1${HOSTILE}`);
    expect(text).toContain(`quota | <script>alert(2)</script> & \\ "quoted" 'tick'`);
    expect(text).toContain('<a href="javascript:alert(3)">click</a>');
  });

  it('gives the job summary as a heading and two tables with header cells', () => {
    const doc = parse(summaryHtml(hostileJobSummary(true)));
    expect(doc.querySelector('h3')?.textContent).toBe(`SFS Turbo job ${target.jobId}: Failed`);
    const tables = doc.querySelectorAll('table');
    expect(tables).toHaveLength(2);
    const [fields, subJobs] = [...tables].map(tableText);
    expect(fields?.[0]).toEqual(['Field', 'Value']);
    expect(tables[0]?.querySelectorAll('thead th')).toHaveLength(2);
    expect(fields).toContainEqual(['Job ID', target.jobId]);
    expect(fields).toContainEqual(['Project ID', target.projectId]);
    expect(fields).toContainEqual(['Begin', '2026-11-29 10:00:00 UTC']);
    expect(fields).toContainEqual(['Data as of', '2026-11-29 12:00:00 UTC']);
    expect(fields).toContainEqual(['Region', `eu-de Region ${HOSTILE} — simulated data`]);
    expect(fields?.find((row) => row[0] === 'Status')?.[1]).toBe('Failed (failed)');
    expect(subJobs?.[0]).toEqual([
      '#',
      'Status',
      'Type',
      'Sub-job ID',
      'Begin',
      'End',
      'Duration',
      'Failure',
    ]);
    expect(subJobs?.[1]?.slice(0, 6)).toEqual([
      '1',
      'Failed (failed)',
      '—',
      `sub-1${HOSTILE}`,
      '2026-11-29 10:00:05 UTC',
      '2026-11-29 10:01:05 UTC',
    ]);
    expect(subJobs?.[1]?.[7]).toContain('<a href="javascript:alert(3)">click</a>');
    // Every row has as many cells as the header: escaped pipes did not split a cell.
    for (const table of [fields, subJobs])
      for (const row of table ?? []) expect(row).toHaveLength(table?.[0]?.length ?? -1);
    expect(doc.querySelector('code')?.textContent).toBe('failed');
  });

  it('leaves the simulated mark out when the data is real', () => {
    expect(parse(summaryHtml(hostileJobSummary(false))).body.textContent).not.toContain(
      'simulated',
    );
  });
});
