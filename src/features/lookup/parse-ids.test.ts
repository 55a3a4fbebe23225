import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../../common/contract';
import { extractIds } from './parse-ids';

const REGIONS = ['eu-de', 'eu-nl', 'cn-north-4', 'ap-southeast-1'];
const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const JOB = '26f6b565-4d8a-4e1b-9c7f-03f0bd975433';

describe('extractIds (support engineer pastes whatever they have)', () => {
  it('reads an API path with its endpoint host', () => {
    expect(extractIds(`GET https://sfs-turbo.eu-nl.otc.t-systems.com/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`, REGIONS)).toEqual({
      region: 'eu-nl',
      projectId: PROJECT,
      jobId: JOB,
    });
  });

  it('reads a dashboard link', () => {
    expect(extractIds(`https://jobs.example.net/cn-north-4/projects/${PROJECT}/jobs/${JOB}?sub=x`, REGIONS)).toEqual({
      region: 'cn-north-4',
      projectId: PROJECT,
      jobId: JOB,
    });
  });

  it('reads a JSON body', () => {
    const body = JSON.stringify({ job_id: JOB, status: 'failed', project_id: PROJECT.toUpperCase() });
    expect(extractIds(body, REGIONS)).toEqual({ projectId: PROJECT, jobId: JOB });
  });

  it('reads a log line and a region name in it', () => {
    const line = `2026-11-29T03:12:09Z ERROR sfs-turbo job failed region=eu-de project_id=${PROJECT} job_id=${JOB}`;
    expect(extractIds(line, REGIONS)).toEqual({ region: 'eu-de', projectId: PROJECT, jobId: JOB });
  });

  it('reads an SDK error message with a jobId', () => {
    const text = `{"jobId" : "72362d12a8a04d419dbd5e6d9fe5a1b2"} in project ${PROJECT}`;
    expect(extractIds(text, REGIONS)).toEqual({ projectId: PROJECT, jobId: '72362d12a8a04d419dbd5e6d9fe5a1b2' });
  });

  it('reads a console URL with a region parameter', () => {
    const url = `https://console.otc.t-systems.com/sfs-turbo/?region=eu-de&projectId=${PROJECT}#/sfs-turbo/jobs/${JOB}`;
    expect(extractIds(url, REGIONS)).toEqual({ region: 'eu-de', projectId: PROJECT, jobId: JOB });
  });

  it('ignores regions the dashboard does not serve', () => {
    expect(extractIds('region=xx-fake-9', REGIONS)).toEqual({});
  });

  it('finds nothing in prose', () => {
    expect(extractIds('the customer says their file system is slow', REGIONS)).toEqual({});
  });

  it('never throws and only returns valid IDs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const found = extractIds(text, REGIONS);
        if (found.projectId) expect(found.projectId).toMatch(/^[0-9a-f]{32}$/);
        if (found.region) expect(REGIONS).toContain(found.region);
      }),
      { numRuns: 500 },
    );
  });
});

describe('extractIds, property-tested', () => {
  const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
  const jobId = fc.oneof(
    fc.uuid(),
    fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/),
  );
  /** Text around a link that cannot run into it: no slash, ID characters only after a space. */
  const noise = fc.string({ unit: 'binary', maxLength: 200 }).map((text) => text.replace(/[/\\]/g, ' '));

  it('never throws on any text, however long or odd, and returns only IDs the form accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.string({ maxLength: 30_000 }),
          fc.array(fc.constantFrom('project_id', 'job_id', 'jobId', '=', ':', '"', '/v1/', PROJECT, JOB, '-', 'eu-de', ' '), { maxLength: 60 }).map((parts) => parts.join('')),
        ),
        (text) => {
          const found = extractIds(text, REGIONS);
          if (found.projectId !== undefined) expect(found.projectId).toMatch(PROJECT_ID_PATTERN);
          if (found.jobId !== undefined) expect(found.jobId).toMatch(JOB_ID_PATTERN);
          if (found.region !== undefined) expect(REGIONS).toContain(found.region);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the IDs of a dashboard link wherever it sits in a paste', () => {
    fc.assert(
      fc.property(noise, fc.constantFrom(...REGIONS), hex32, jobId, noise, (before, region, projectId, job, after) => {
        const text = `${before} https://dashboard.example/${region}/projects/${projectId}/jobs/${job} ${after}`;
        expect(extractIds(text, REGIONS)).toEqual({ region, projectId, jobId: job });
      }),
      { numRuns: 300 },
    );
  });

  it('finds the IDs of an API path wherever it sits in a log line', () => {
    fc.assert(
      fc.property(noise, hex32, jobId, noise, (before, projectId, job, after) => {
        const text = `${before} GET /v1/${projectId}/sfs-turbo/jobs/${job} ${after}`;
        const found = extractIds(text, REGIONS);
        expect(found.projectId).toBe(projectId);
        expect(found.jobId).toBe(job);
      }),
      { numRuns: 300 },
    );
  });
});
