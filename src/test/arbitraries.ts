import fc from 'fast-check';

/**
 * What an upstream could send, for property tests of the client, the parser and the page.
 * Plain `fc.jsonValue()` almost never produces an object with ShowJobDetail's keys, so job-like
 * bodies are generated too: the documented keys with values of any JSON type (strings most
 * often, some of them statuses and times the app understands), plus unknown keys.
 */

const KNOWN_STATUSES = [
  'success',
  'failed',
  'running',
  'waiting',
  'SUCCESS',
  'FAIL',
  'DOING',
  'INIT',
  '',
];

const apiTime = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 19).replace('T', ' '));

/** Texts of every kind: plain, any code unit (lone surrogates too), markup, times, statuses. */
export const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<script>x()</script>',
      '<img src=x onerror=y()>',
      '\u202Eabc',
      'a\u200Bb',
      '__proto__',
      'constructor',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_STATUSES) },
  { weight: 2, arbitrary: apiTime },
  { weight: 1, arbitrary: apiTime.map((time) => `${time.replace(' ', 'T')}Z`) },
);

/** Mostly text, sometimes any other JSON value where text belongs. */
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const jobFields = {
  status: fieldValue,
  job_id: fieldValue,
  job_type: fieldValue,
  begin_time: fieldValue,
  end_time: fieldValue,
  error_code: fieldValue,
  fail_reason: fieldValue,
};

const withUnknownKeys = <T extends object>(arbitrary: fc.Arbitrary<T>) =>
  fc
    .tuple(
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
      arbitrary,
    )
    .map(([extra, fields]) => Object.assign(extra, fields));

const subJob = fc.oneof(
  { weight: 5, arbitrary: withUnknownKeys(fc.record(jobFields, { requiredKeys: [] })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** An object with ShowJobDetail's keys (any of them missing) holding values of any type. */
export const jobLikeBody = withUnknownKeys(
  fc.record(
    {
      ...jobFields,
      sub_jobs: fc.oneof(
        { weight: 5, arbitrary: fc.array(subJob, { maxLength: 8 }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      ),
    },
    { requiredKeys: [] },
  ),
);

/** Any JSON value a 2xx answer could carry, job-like or not. */
export const anyJsonBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: jobLikeBody },
  { weight: 2, arbitrary: fc.jsonValue() },
);

/** The error shapes the cloud answers with (SFS Turbo, API gateway, OpenStack), any values. */
const errorBody = fc.oneof(
  fc.record({ errCode: fieldValue, errMsg: fieldValue }, { requiredKeys: [] }),
  fc.record(
    { error_code: fieldValue, error_msg: fieldValue, request_id: fieldValue },
    { requiredKeys: [] },
  ),
  fc.record({
    error: fc.record(
      { code: fieldValue, title: fieldValue, message: fieldValue },
      { requiredKeys: [] },
    ),
  }),
);

/** A body as text: JSON of any shape, or text that is not JSON at all. */
export const anyBodyText = fc.oneof(
  { weight: 4, arbitrary: anyJsonBody.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: errorBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '<html><body>502 Bad Gateway</body></html>',
      '{"status":',
      'null',
      '[]',
    ),
  },
);

const headerName = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}$/);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((value) => value.trim());

/** Any set of response headers, with and without a request ID and a content type. */
export const anyHeaders = fc
  .tuple(
    fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
    fc.option(headerValue, { nil: undefined }),
    fc.option(
      fc.constantFrom(
        'application/json',
        'text/html',
        'text/plain; charset=utf-8',
        'application/octet-stream',
      ),
      {
        nil: undefined,
      },
    ),
  )
  .map(([headers, requestId, contentType]) => ({
    ...headers,
    ...(requestId === undefined ? {} : { 'X-request-id': requestId }),
    ...(contentType === undefined ? {} : { 'Content-Type': contentType }),
  }));

/** Statuses a Response can be built with (the Fetch API refuses 1xx). */
export const anyStatus = fc.oneof(
  { weight: 4, arbitrary: fc.constant(200) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      201,
      203,
      206,
      400,
      401,
      403,
      404,
      409,
      422,
      429,
      500,
      502,
      503,
      504,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

/** The Fetch API forbids a body with these statuses. */
export const NULL_BODY_STATUSES = new Set([204, 205, 304]);
