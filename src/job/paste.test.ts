import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../common/contract';
import { boardRef } from './board-link';
import { extractIds, extractRefs, findRefs, PASTE_MAX_CHARS, readPaste } from './paste';

const REGIONS = ['eu-de', 'eu-nl', 'cn-north-4', 'ap-southeast-1'];
const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const JOB = '26f6b565-4d8a-4e1b-9c7f-03f0bd975433';

describe('extractIds (support engineer pastes whatever they have)', () => {
  it('reads an API path with its endpoint host', () => {
    expect(
      extractIds(
        `GET https://sfs-turbo.eu-nl.otc.t-systems.com/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
        REGIONS,
      ),
    ).toEqual({
      region: 'eu-nl',
      projectId: PROJECT,
      jobId: JOB,
    });
  });

  it('reads a dashboard link', () => {
    expect(
      extractIds(
        `https://jobs.example.net/cn-north-4/projects/${PROJECT}/jobs/${JOB}?sub=x`,
        REGIONS,
      ),
    ).toEqual({
      region: 'cn-north-4',
      projectId: PROJECT,
      jobId: JOB,
    });
  });

  it('reads a JSON body', () => {
    const body = JSON.stringify({
      job_id: JOB,
      status: 'failed',
      project_id: PROJECT.toUpperCase(),
    });
    expect(extractIds(body, REGIONS)).toEqual({ projectId: PROJECT, jobId: JOB });
  });

  it('reads a log line and a region name in it', () => {
    const line = `2026-11-29T03:12:09Z ERROR sfs-turbo job failed region=eu-de project_id=${PROJECT} job_id=${JOB}`;
    expect(extractIds(line, REGIONS)).toEqual({ region: 'eu-de', projectId: PROJECT, jobId: JOB });
  });

  it('reads an SDK error message with a jobId', () => {
    const text = `{"jobId" : "72362d12a8a04d419dbd5e6d9fe5a1b2"} in project ${PROJECT}`;
    expect(extractIds(text, REGIONS)).toEqual({
      projectId: PROJECT,
      jobId: '72362d12a8a04d419dbd5e6d9fe5a1b2',
    });
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
  const noise = fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((text) => text.replace(/[/\\]/g, ' '));

  it('never throws on any text, however long or odd, and returns only IDs the form accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.string({ maxLength: 30_000 }),
          fc
            .array(
              fc.constantFrom(
                'project_id',
                'job_id',
                'jobId',
                '=',
                ':',
                '"',
                '/v1/',
                PROJECT,
                JOB,
                '-',
                'eu-de',
                ' ',
              ),
              { maxLength: 60 },
            )
            .map((parts) => parts.join('')),
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
      fc.property(
        noise,
        fc.constantFrom(...REGIONS),
        hex32,
        jobId,
        noise,
        (before, region, projectId, job, after) => {
          const text = `${before} https://dashboard.example/${region}/projects/${projectId}/jobs/${job} ${after}`;
          expect(extractIds(text, REGIONS)).toEqual({ region, projectId, jobId: job });
        },
      ),
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

describe('readPaste: labels decide, competing IDs are offered, never guessed', () => {
  const REQUEST = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  const SHARE = '5f3c1d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';
  const OTHER_PROJECT = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
  const HEX_JOB = '7c0e9a8b6d5c4f3e2a1b0c9d8e7f6a5b';

  it('never takes the request_id of an SDK exception as the project ID', () => {
    const text = `ClientRequestException: {"status_code": 400, "request_id": "${REQUEST}", "error_code": "SFS.TURBO.0001", "error_msg": "parameter error"} job_id=${HEX_JOB} project=${OTHER_PROJECT}`;
    expect(readPaste(text, REGIONS)).toEqual({
      region: { kind: 'none' },
      projectId: { kind: 'found', value: OTHER_PROJECT, from: `project=${OTHER_PROJECT}` },
      jobId: { kind: 'found', value: HEX_JOB, from: `job_id=${HEX_JOB}` },
    });
  });

  it('never takes a trace_id at the start of a log line', () => {
    const text = `trace_id=${TRACE} span_id=00f067aa0ba902b7 2026-11-30T08:41:07Z INFO polling job ${JOB} in project ${PROJECT}`;
    expect(extractIds(text, REGIONS)).toEqual({ projectId: PROJECT, jobId: JOB });
    expect(readPaste(text, REGIONS).jobId).toEqual({
      kind: 'found',
      value: JOB,
      from: `job ${JOB}`,
    });
  });

  it('never takes a share UUID before the job ID as the job ID', () => {
    const text = `Created share ${SHARE} for the customer, job ${JOB} (project ${PROJECT}) in eu-nl`;
    expect(extractIds(text, REGIONS)).toEqual({ region: 'eu-nl', projectId: PROJECT, jobId: JOB });
  });

  it('ignores request, trace, span, share and instance IDs in headers and JSON alike', () => {
    const text = [
      `X-Request-Id: ${REQUEST}`,
      `"instance_id": "${SHARE}", "share_id": "${OTHER_PROJECT}"`,
      `traceId=${TRACE}`,
      `${JOB}`,
    ].join('\n');
    const reading = readPaste(text, REGIONS);
    expect(reading.projectId).toEqual({ kind: 'none' });
    expect(reading.jobId).toEqual({ kind: 'found', value: JOB, from: JOB });
  });

  it('offers every unlabelled candidate instead of guessing, each with the words it came from', () => {
    const text = `customer sent ${PROJECT} and ${OTHER_PROJECT}, job ${JOB}`;
    const reading = readPaste(text, REGIONS);
    expect(reading.projectId).toEqual({
      kind: 'choice',
      options: [
        { value: PROJECT, from: PROJECT },
        { value: OTHER_PROJECT, from: OTHER_PROJECT },
      ],
    });
    expect(reading.jobId).toEqual({ kind: 'found', value: JOB, from: `job ${JOB}` });
    expect(extractIds(text, REGIONS)).toEqual({ jobId: JOB });
  });

  it('offers two labelled job IDs as a choice', () => {
    const text = `job_id=${JOB} retried as job_id=${HEX_JOB} project_id=${PROJECT}`;
    const reading = readPaste(text, REGIONS);
    expect(reading.jobId.kind).toBe('choice');
    expect(reading.jobId.kind === 'choice' && reading.jobId.options.map((o) => o.value)).toEqual([
      JOB,
      HEX_JOB,
    ]);
    expect(reading.projectId).toMatchObject({ kind: 'found', value: PROJECT });
  });

  it('reads "the job successfully ended" as no job ID', () => {
    expect(readPaste(`the job successfully ended in project ${PROJECT}`, REGIONS).jobId).toEqual({
      kind: 'none',
    });
  });

  it('names the link a dashboard path came from', () => {
    const link = `https://jobs.example.net/eu-de/projects/${PROJECT}/jobs/${JOB}`;
    const reading = readPaste(`see ${link}`, REGIONS);
    expect(reading.projectId).toEqual({
      kind: 'found',
      value: PROJECT,
      from: `/eu-de/projects/${PROJECT}/jobs/${JOB}`,
    });
    expect(reading.region).toMatchObject({ kind: 'found', value: 'eu-de' });
  });
});

describe('readPaste, property-tested with competing labelled IDs', () => {
  const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
  const uuid = fc.uuid();
  const otherLabel = fc.constantFrom(
    'request_id',
    'X-Request-Id',
    'trace_id',
    'traceId',
    'span_id',
    'share_id',
    'instance_id',
    '"request_id"',
    'shareId',
  );
  const projectLabel = fc.constantFrom(
    'project_id=',
    'project=',
    '"project_id": ',
    'projectId: ',
    'in project ',
    'tenant_id=',
  );
  const jobLabel = fc.constantFrom('job_id=', 'job=', '"job_id": ', 'jobId: ', 'job ', 'JobId=');
  const decoy = fc
    .tuple(otherLabel, fc.constantFrom('=', ': ', '": "'), fc.oneof(hex32, uuid))
    .map(([label, sep, value]) => `${label}${sep}${value}`);

  it('takes the labelled project and job IDs whatever request, trace, span, share or instance IDs sit around them', () => {
    fc.assert(
      fc.property(
        fc.array(decoy, { maxLength: 4 }),
        projectLabel,
        hex32,
        jobLabel,
        fc.oneof(uuid, hex32),
        fc.array(decoy, { maxLength: 4 }),
        fc.boolean(),
        (before, pLabel, projectId, jLabel, jobId, after, jobFirst) => {
          fc.pre(projectId !== jobId.toLowerCase());
          const ids = jobFirst
            ? [`${jLabel}${jobId}`, `${pLabel}${projectId}`]
            : [`${pLabel}${projectId}`, `${jLabel}${jobId}`];
          const text = [...before, ...ids, ...after].join(' ');
          const reading = readPaste(text, REGIONS);
          expect(reading.projectId).toMatchObject({ kind: 'found', value: projectId });
          expect(reading.jobId).toMatchObject({ kind: 'found', value: jobId });
          if (reading.projectId.kind === 'found')
            expect(reading.projectId.from).toContain(projectId);
          if (reading.jobId.kind === 'found') expect(text).toContain(reading.jobId.from);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers all unlabelled project-shaped candidates, never one of them alone', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hex32, { minLength: 2, maxLength: 5 }), (values) => {
        const reading = readPaste(values.join(' , '), REGIONS);
        expect(reading.projectId).toEqual({
          kind: 'choice',
          options: values.map((value) => ({ value, from: value })),
        });
      }),
      { numRuns: 100 },
    );
  });
});

// ——— The board: every job in a paste ———

const BOARD_REGIONS = ['eu-de', 'eu-nl', 'eu-ch2', 'cn-north-4', 'ap-southeast-1'];
const P1 = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const P2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const J1 = '7c0e2a8e-live-4f00-9a00-000000000001';
const J2 = '7c0e2a8edone4f009a00000000000001';
const J3 = '7c0e2a8e-fail-4f00-9a00-000000000002';
const extract = (text: string) => extractRefs(text, BOARD_REGIONS, 'eu-de').map(boardRef);

describe('pulling job references out of pasted text', () => {
  it('reads dashboard links, board links and API paths, each once, in order', () => {
    const text = [
      `see https://jobs.example.com/sfs-turbo-jobs/eu-nl/projects/${P2}/jobs/${J1}?sub=x`,
      `and https://jobs.example.com/board?jobs=eu-de/${P1}/${J2},eu-de%2F${P1}%2F${J3}&title=x`,
      `GET https://sfs-turbo.eu-ch2.otc.t-systems.com/v1/${P1}/sfs-turbo/jobs/${J1} 200`,
      `again /eu-nl/projects/${P2}/jobs/${J1}`,
    ].join('\n');
    expect(extract(text)).toEqual([
      `eu-nl/${P2}/${J1}`,
      `eu-de/${P1}/${J2}`,
      `eu-de/${P1}/${J3}`,
      `eu-ch2/${P1}/${J1}`,
    ]);
  });

  it('reads log lines and JSON with keyed IDs, a job without a region taking the one named last before it', () => {
    const text = [
      `2026-11-30T10:00:01Z ERROR region=eu-nl project_id=${P2} job_id=${J1} share_id=4f1c2d3e-aaaa-bbbb-cccc-000000000001 failed`,
      JSON.stringify([
        { jobId: J2, projectId: P1, region: 'cn-north-4' },
        { job_id: J3, project_id: P1 },
      ]),
    ].join('\n');
    expect(extract(text)).toEqual([
      `eu-nl/${P2}/${J1}`,
      `cn-north-4/${P1}/${J2}`,
      `cn-north-4/${P1}/${J3}`,
    ]);
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

const boardHex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const boardJobId = fc.oneof(
  fc.stringMatching(
    /^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$/,
  ),
  fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/),
);
const boardTarget = fc.record({
  region: fc.constantFrom(...BOARD_REGIONS),
  projectId: boardHex32,
  jobId: boardJobId,
});

describe('extractRefs, properties', () => {
  it('never throws and returns only valid, distinct references', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (a, b) => {
          const refs = extractRefs(`${a}\n${b}`, BOARD_REGIONS, 'eu-de');
          for (const ref of refs) {
            expect(ref.projectId).toMatch(PROJECT_ID_PATTERN);
            expect(ref.jobId).toMatch(JOB_ID_PATTERN);
          }
          expect(new Set(refs.map(boardRef)).size).toBe(refs.length);
        },
      ),
    );
  });

  it('finds every linked job, in order and once, whatever separates the links', () => {
    const link = fc
      .tuple(boardTarget, fc.constantFrom('dashboard', 'board', 'api'))
      .map(([t, kind]) =>
        kind === 'dashboard'
          ? {
              t,
              text: `https://jobs.example.com/${t.region}/projects/${t.projectId}/jobs/${t.jobId}`,
            }
          : kind === 'board'
            ? { t, text: `${t.region}/${t.projectId}/${t.jobId}` }
            : { t, text: `/api/${t.region}/v1/${t.projectId}/sfs-turbo/jobs/${t.jobId}` },
      );
    fc.assert(
      fc.property(
        fc.array(link, { maxLength: 8 }),
        fc.constantFrom('\n', ', ', ' ', '\t', ' ; ', '\r\n'),
        (links, separator) => {
          const expected = [...new Set(links.map(({ t }) => boardRef(t)))];
          expect(
            extractRefs(links.map(({ text }) => text).join(separator), BOARD_REGIONS, 'eu-de').map(
              boardRef,
            ),
          ).toEqual(expected);
        },
      ),
    );
  });

  it('never takes a value labelled request, trace or span ID', () => {
    const label = fc.constantFrom(
      'request_id: ',
      'X-Request-Id: ',
      '"request_id": "',
      'trace_id=',
      'traceId: ',
      'span-id ',
      'spanId=',
      'x-b3-traceid: ',
      'requestId=',
    );
    const value = fc.oneof(
      boardHex32,
      boardJobId.filter((id) => id.length >= 6),
    );
    fc.assert(
      fc.property(
        fc.array(boardTarget, { minLength: 1, maxLength: 3 }),
        label,
        value,
        fc.boolean(),
        (targets, key, id, before) => {
          const links = targets
            .map((t) => `https://x.example/${t.region}/projects/${t.projectId}/jobs/${t.jobId}`)
            .join('\n');
          const labelled = `${key}${id}`;
          const refs = extractRefs(
            before ? `${labelled}\n${links}` : `${links}\n${labelled}`,
            BOARD_REGIONS,
            'eu-de',
          );
          const taken = targets.some((t) => t.jobId === id || t.projectId === id);
          if (!taken) {
            for (const ref of refs) {
              expect(ref.jobId).not.toBe(id);
              expect(ref.projectId).not.toBe(id.toLowerCase());
            }
          }
        },
      ),
    );
  });
});

// Where the lookup's and the board's readers used to differ, the stricter rule now holds for both.
describe('one reader, the stricter rule of the two', () => {
  it('takes no sub-job or parent job ID as a job (the board took sub_job_id)', () => {
    expect(extract(`sub_job_id=${J1} project_id=${P1}`)).toEqual([]);
    expect(extract(`{"parent.job_id": "${J2}", "project_id": "${P1}"}`)).toEqual([]);
    expect(extractIds(`sub_job_id=${JOB} project_id=${PROJECT}`, REGIONS)).toEqual({
      projectId: PROJECT,
    });
  });

  it('takes no task or other keyed ID as a job (the lookup took task_id and any unknown key)', () => {
    expect(extractIds(`task_id=${JOB} project_id=${PROJECT}`, REGIONS)).toEqual({
      projectId: PROJECT,
    });
    expect(extractIds(`backup_id: ${JOB}, project_id: ${PROJECT}`, REGIONS)).toEqual({
      projectId: PROJECT,
    });
    expect(extractIds(`req_id=${JOB} project_id=${PROJECT}`, REGIONS)).toEqual({
      projectId: PROJECT,
    });
  });

  it("takes a dashboard link's region only when the dashboard serves it (the board took any)", () => {
    expect(extract(`https://x.example/xx-fake-9/projects/${P1}/jobs/${J1}`)).toEqual([
      `eu-de/${P1}/${J1}`,
    ]);
  });

  it('takes no job ID cut out of a longer word (the lookup cut API paths at 64 characters)', () => {
    const long = `${'a1'.repeat(35)}`;
    expect(extractIds(`/v1/${PROJECT}/sfs-turbo/jobs/${long}`, REGIONS).jobId).toBeUndefined();
  });

  it('reads the first 20,000 characters of a paste (the board read 200,000)', () => {
    const link = `https://x.example/eu-nl/projects/${P1}/jobs/${J1}`;
    expect(extract(`${' '.repeat(PASTE_MAX_CHARS - link.length)}${link}`)).toEqual([
      `eu-nl/${P1}/${J1}`,
    ]);
    expect(extract(`${' '.repeat(PASTE_MAX_CHARS)}${link}`)).toEqual([]);
  });
});

// Issue 22: `… also <job ID> (request <32 hex>)` made a job of the request ID.
describe('request, trace and span IDs, in every phrasing, are never a job (board and lookup)', () => {
  const INCIDENT_PROJECT = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
  const LIVE = '7c0e2a8e-live-4f00-9a00-000000000001';
  const FAIL = '7c0e2a8e-fail-4f00-9a00-000000000002';
  const DONE = '7c0e2a8edone4f009a00000000000001';
  const INCIDENT_REQUEST = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

  it('reads the incident text of the finding as its four jobs, not five', () => {
    const text = [
      `Incident INC-9 in eu-nl, project ${INCIDENT_PROJECT}:`,
      `jobs ${LIVE} and ${FAIL} failed,`,
      `https://jobs.example.com/eu-de/projects/${INCIDENT_PROJECT}/jobs/7c0e2a8e-inci-4f00-9a00-000000000001`,
      `also ${DONE} (request ${INCIDENT_REQUEST})`,
    ].join('\n');
    expect(extract(text)).toEqual([
      `eu-nl/${INCIDENT_PROJECT}/${LIVE}`,
      `eu-nl/${INCIDENT_PROJECT}/${FAIL}`,
      `eu-de/${INCIDENT_PROJECT}/7c0e2a8e-inci-4f00-9a00-000000000001`,
      `eu-de/${INCIDENT_PROJECT}/${DONE}`,
    ]);
  });

  const words = [
    'request',
    'req',
    'request-id',
    'request_id',
    'request id',
    'x-request-id',
    'RequestId',
    'requestId',
    'trace',
    'trace_id',
    'traceId',
    'span',
    'span-id',
  ];
  const cases = words.flatMap((word) =>
    [word, word.toUpperCase(), word[0]?.toUpperCase() + word.slice(1)].flatMap((spelled) =>
      [
        (v: string) => `${spelled}: ${v}`,
        (v: string) => `${spelled}=${v}`,
        (v: string) => `${spelled} ${v}`,
        (v: string) => `(${spelled} ${v})`,
        (v: string) => `(${spelled}: ${v})`,
        (v: string) => `${spelled} (${v})`,
        (v: string) => `"${spelled}": "${v}"`,
        (v: string) => `${spelled} \`${v}\``,
      ].map((write) => ({ spelled, write })),
    ),
  );
  const values = [
    INCIDENT_REQUEST,
    INCIDENT_REQUEST.toUpperCase(),
    '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
  ];

  it.each(values)('board: a labelled %s stays out, whatever the phrasing', (value) => {
    for (const { spelled, write } of cases) {
      const text = `project ${INCIDENT_PROJECT}\njob ${LIVE} also ${DONE} ${write(value)} done`;
      expect(extract(text), `${spelled}: ${write(value)}`).toEqual([
        `eu-de/${INCIDENT_PROJECT}/${LIVE}`,
        `eu-de/${INCIDENT_PROJECT}/${DONE}`,
      ]);
    }
  });

  it.each(values)('lookup: a labelled %s is never the job ID, whatever the phrasing', (value) => {
    for (const { spelled, write } of cases) {
      const text = `project ${INCIDENT_PROJECT} ${write(value)}`;
      const reading = readPaste(text, REGIONS);
      expect(reading.jobId, `${spelled}: ${write(value)}`).toEqual({ kind: 'none' });
      expect(reading.projectId).toMatchObject({ kind: 'found', value: INCIDENT_PROJECT });
      const withJob = readPaste(`${text} job ${DONE}`, REGIONS);
      expect(withJob.jobId, `${spelled}: ${write(value)}`).toMatchObject({
        kind: 'found',
        value: DONE,
      });
    }
  });

  it('reads a ticket summary pasted back: the lookup request ID of the refresh is no job', () => {
    const text = `| Lookup request ID, this refresh | \`${INCIDENT_REQUEST}\` |\n| Project ID | \`${INCIDENT_PROJECT}\` |`;
    expect(extract(text)).toEqual([]);
    expect(readPaste(text, REGIONS).jobId).toEqual({ kind: 'none' });
    const board = `Lookup failed: HTTP 404 \`SFS.TURBO.0019\` Invalid Job Id; request ID \`${INCIDENT_REQUEST}\` project ${INCIDENT_PROJECT}`;
    expect(extract(board)).toEqual([]);
  });

  it('keeps prose and job IDs that merely start with such a word', () => {
    expect(extract(`project ${INCIDENT_PROJECT}: please trace job ${LIVE}`)).toEqual([
      `eu-de/${INCIDENT_PROJECT}/${LIVE}`,
    ]);
    expect(extract(`request for ${LIVE} in project ${INCIDENT_PROJECT}`)).toEqual([
      `eu-de/${INCIDENT_PROJECT}/${LIVE}`,
    ]);
    expect(extract(`eu-nl/${INCIDENT_PROJECT}/trace-2026-1`)).toEqual([
      `eu-nl/${INCIDENT_PROJECT}/trace-2026-1`,
    ]);
  });

  it('property: a request, trace or span ID never becomes a job, in any case and spelling', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.oneof(
          hex,
          hex.map((v) => v.toUpperCase()),
          fc.uuid(),
        ),
        fc.boolean(),
        ({ write }, value, first) => {
          fc.pre(value.toLowerCase() !== INCIDENT_PROJECT);
          const labelled = write(value);
          const text = first
            ? `${labelled} project ${INCIDENT_PROJECT} job ${LIVE}`
            : `project ${INCIDENT_PROJECT} job ${LIVE} ${labelled}`;
          expect(extract(text)).toEqual([`eu-de/${INCIDENT_PROJECT}/${LIVE}`]);
          expect(readPaste(text, REGIONS).jobId).toMatchObject({ kind: 'found', value: LIVE });
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('findRefs: what the board offers before adding', () => {
  it('says where each job came from, whether its region was named, and offers bare 32-character IDs unticked', () => {
    const text = `https://x.example/eu-nl/projects/${P1}/jobs/${J1}\nproject ${P2}\n${J2}`;
    expect(findRefs(text, BOARD_REGIONS, 'eu-de')).toEqual([
      {
        target: { region: 'eu-nl', projectId: P1, jobId: J1 },
        from: `/eu-nl/projects/${P1}/jobs/${J1}`,
        regionGuessed: false,
        unsure: false,
      },
      {
        target: { region: 'eu-nl', projectId: P2, jobId: J2 },
        from: J2,
        regionGuessed: true,
        unsure: true,
      },
    ]);
  });
});
