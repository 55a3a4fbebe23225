import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../../common/contract';
import { boardRef } from '../../job/board-link';
import { extractRefs } from './extract-refs';

const REGIONS = ['eu-de', 'eu-nl', 'eu-ch2', 'cn-north-4', 'ap-southeast-1'];
const P1 = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const P2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const J1 = '7c0e2a8e-live-4f00-9a00-000000000001';
const J2 = '7c0e2a8edone4f009a00000000000001';
const J3 = '7c0e2a8e-fail-4f00-9a00-000000000002';
const extract = (text: string) => extractRefs(text, REGIONS, 'eu-de').map(boardRef);

describe('pulling job references out of pasted text', () => {
  it('reads dashboard links, board links and API paths, each once, in order', () => {
    const text = [
      `see https://jobs.example.com/sfs-turbo-jobs/eu-nl/projects/${P2}/jobs/${J1}?sub=x`,
      `and https://jobs.example.com/board?jobs=eu-de/${P1}/${J2},eu-de%2F${P1}%2F${J3}&title=x`,
      `GET https://sfs-turbo.eu-ch2.otc.t-systems.com/v1/${P1}/sfs-turbo/jobs/${J1} 200`,
      `again /eu-nl/projects/${P2}/jobs/${J1}`,
    ].join('\n');
    expect(extract(text)).toEqual([`eu-nl/${P2}/${J1}`, `eu-de/${P1}/${J2}`, `eu-de/${P1}/${J3}`, `eu-ch2/${P1}/${J1}`]);
  });

  it('reads log lines and JSON with keyed IDs, a job without a region taking the one named last before it', () => {
    const text = [
      `2026-11-30T10:00:01Z ERROR region=eu-nl project_id=${P2} job_id=${J1} share_id=4f1c2d3e-aaaa-bbbb-cccc-000000000001 failed`,
      JSON.stringify([{ jobId: J2, projectId: P1, region: 'cn-north-4' }, { job_id: J3, project_id: P1 }]),
    ].join('\n');
    expect(extract(text)).toEqual([`eu-nl/${P2}/${J1}`, `cn-north-4/${P1}/${J2}`, `cn-north-4/${P1}/${J3}`]);
  });

  it('reads a list of job IDs under one project ID, in the region the text names', () => {
    const text = `Project ${P1} in eu-nl, these job IDs failed:\n${J1}\n${J2}\n  - ${J3}\n`;
    expect(extract(text)).toEqual([`eu-nl/${P1}/${J1}`, `eu-nl/${P1}/${J2}`, `eu-nl/${P1}/${J3}`]);
  });

  it('reads a console URL with the IDs and region in its query', () => {
    const url = `https://console.otc.t-systems.com/sfs-turbo/?region=eu-nl#/sfs-turbo/jobs?jobId=${J1}&projectId=${P1}`;
    expect(extract(url)).toEqual([`eu-nl/${P1}/${J1}`]);
  });

  it('takes nothing from prose, nor a job without a project', () => {
    expect(extract('The job ID under one project was lost; call me.')).toEqual([]);
    expect(extract(J1)).toEqual([]);
  });

  it('never takes a request, trace or span ID as a job or a project', () => {
    const text = `X-Request-Id: 7c0e2a8e-aaaa-4f00-9a00-000000000009\nproject ${P1}\ntrace_id=${P2} span-id: 1111aaaa-2222-3333-4444-555566667777\njob ${J1}`;
    expect(extract(text)).toEqual([`eu-de/${P1}/${J1}`]);
  });
});

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const jobId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$/),
  fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/),
);
const target = fc.record({ region: fc.constantFrom(...REGIONS), projectId: hex32, jobId });

describe('extractRefs, properties', () => {
  it('never throws and returns only valid, distinct references', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), (a, b) => {
        const refs = extractRefs(`${a}\n${b}`, REGIONS, 'eu-de');
        for (const ref of refs) {
          expect(ref.projectId).toMatch(PROJECT_ID_PATTERN);
          expect(ref.jobId).toMatch(JOB_ID_PATTERN);
        }
        expect(new Set(refs.map(boardRef)).size).toBe(refs.length);
      }),
    );
  });

  it('finds every linked job, in order and once, whatever separates the links', () => {
    const link = fc.tuple(target, fc.constantFrom('dashboard', 'board', 'api')).map(([t, kind]) =>
      kind === 'dashboard'
        ? { t, text: `https://jobs.example.com/${t.region}/projects/${t.projectId}/jobs/${t.jobId}` }
        : kind === 'board'
          ? { t, text: `${t.region}/${t.projectId}/${t.jobId}` }
          : { t, text: `/api/${t.region}/v1/${t.projectId}/sfs-turbo/jobs/${t.jobId}` },
    );
    fc.assert(
      fc.property(fc.array(link, { maxLength: 8 }), fc.constantFrom('\n', ', ', ' ', '\t', ' ; ', '\r\n'), (links, separator) => {
        const expected = [...new Set(links.map(({ t }) => boardRef(t)))];
        expect(extractRefs(links.map(({ text }) => text).join(separator), REGIONS, 'eu-de').map(boardRef)).toEqual(expected);
      }),
    );
  });

  it('never takes a value labelled request, trace or span ID', () => {
    const label = fc.constantFrom('request_id: ', 'X-Request-Id: ', '"request_id": "', 'trace_id=', 'traceId: ', 'span-id ', 'spanId=', 'x-b3-traceid: ', 'requestId=');
    const value = fc.oneof(hex32, jobId.filter((id) => id.length >= 6));
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 3 }), label, value, fc.boolean(), (targets, key, id, before) => {
        const links = targets.map((t) => `https://x.example/${t.region}/projects/${t.projectId}/jobs/${t.jobId}`).join('\n');
        const labelled = `${key}${id}`;
        const refs = extractRefs(before ? `${labelled}\n${links}` : `${links}\n${labelled}`, REGIONS, 'eu-de');
        const taken = targets.some((t) => t.jobId === id || t.projectId === id);
        if (!taken) {
          for (const ref of refs) {
            expect(ref.jobId).not.toBe(id);
            expect(ref.projectId).not.toBe(id.toLowerCase());
          }
        }
      }),
    );
  });
});
