import { describe, expect, it } from 'vitest';
import apigDecrypt from '../test/fixtures/apig-0301-decrypt-token-fail.json';
import sfs404 from '../test/fixtures/otc-doc-showjobdetail-404.json';
import sfs500 from '../test/fixtures/otc-doc-showjobdetail-500.json';
import sfs9000 from '../test/fixtures/tf-huaweicloud-sfsturbo-403-9000.json';
import { errorFromResponse, failureKindFor } from './api-error';
import { requestIdsOf } from './request-ids';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };

describe('errorFromResponse', () => {
  it('reads the SFS Turbo error shape', () => {
    const error = errorFromResponse(404, JSON.stringify(sfs404), 'req-1', target);
    expect(error).toMatchObject({
      kind: 'not-found',
      status: 404,
      code: 'SFS.TURBO.0001',
      message: 'parameter error',
      requestId: 'req-1',
      target,
    });
  });

  it('reads the API gateway shape, with the body request ID as a fallback', () => {
    const error = errorFromResponse(
      401,
      JSON.stringify({ ...apigDecrypt, request_id: 'gw-7' }),
      undefined,
      target,
    );
    expect(error).toMatchObject({ kind: 'unauthorized', code: 'APIG.0301', requestId: 'gw-7' });
    expect(error.message).toContain('decrypt token fail');
  });

  it('prefers the X-request-id header', () => {
    expect(errorFromResponse(401, JSON.stringify(apigDecrypt), 'hdr', target).requestId).toBe(
      'hdr',
    );
  });

  it('keeps the body request ID beside a different header, and shows both, labelled', () => {
    const body = JSON.stringify({
      error_code: 'APIG.0307',
      error_msg: 'The token must be updated.',
      request_id: 'gw-body-1',
    });
    const error = errorFromResponse(401, body, 'hdr-2', target);
    expect(error).toMatchObject({ requestId: 'hdr-2', bodyRequestId: 'gw-body-1' });
    expect(requestIdsOf(error)).toEqual([
      { label: 'Request ID (X-request-id header)', value: 'hdr-2' },
      { label: 'Request ID (error body)', value: 'gw-body-1' },
    ]);
  });

  it('shows one request ID when header and body agree, or only one is there', () => {
    const body = JSON.stringify({ error_code: 'APIG.0307', error_msg: 'x', request_id: 'same' });
    expect(requestIdsOf(errorFromResponse(401, body, 'same', target))).toEqual([
      { label: 'Request ID', value: 'same' },
    ]);
    expect(requestIdsOf(errorFromResponse(401, body, undefined, target))).toEqual([
      { label: 'Request ID', value: 'same' },
    ]);
    expect(requestIdsOf(errorFromResponse(404, JSON.stringify(sfs404), 'req-1', target))).toEqual([
      { label: 'Request ID', value: 'req-1' },
    ]);
    expect(requestIdsOf(errorFromResponse(404, JSON.stringify(sfs404), undefined, target))).toEqual(
      [{ label: 'Request ID', value: '—' }],
    );
  });

  it('reads the OpenStack shape', () => {
    const body = {
      error: {
        code: 401,
        title: 'Unauthorized',
        message: 'The request you have made requires authentication.',
      },
    };
    expect(errorFromResponse(401, JSON.stringify(body), undefined, target)).toMatchObject({
      code: '401',
      message: 'Unauthorized: The request you have made requires authentication.',
    });
  });

  it('keeps the start of an HTML or text body', () => {
    const error = errorFromResponse(
      502,
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      undefined,
      target,
    );
    expect(error).toMatchObject({ kind: 'upstream', code: undefined });
    expect(error.bodySnippet).toContain('502 Bad Gateway');
  });

  it('maps the documented statuses to failure kinds', () => {
    expect(errorFromResponse(403, JSON.stringify(sfs9000), undefined, target).kind).toBe(
      'forbidden',
    );
    expect(errorFromResponse(500, JSON.stringify(sfs500), undefined, target).kind).toBe('upstream');
    expect(failureKindFor(429, 'APIG.0308')).toBe('throttled');
    expect(failureKindFor(400, 'SFS.TURBO.0001')).toBe('invalid-input');
    expect(failureKindFor(502, 'PROXY.UPSTREAM_UNREACHABLE')).toBe('unreachable');
    expect(failureKindFor(504, 'PROXY.UPSTREAM_TIMEOUT')).toBe('timeout');
    expect(failureKindFor(302, undefined)).toBe('unexpected');
  });

  it('says that an error body had no message rather than showing an empty one', () => {
    for (const body of [
      '{"errMsg":""}',
      '{"errCode":"SFS.TURBO.0005","errMsg":"  "}',
      '{"error_code":"APIG.0308"}',
    ]) {
      expect(errorFromResponse(400, body, undefined, target).message).toBe(
        'HTTP 400 without an error message',
      );
    }
  });

  it('describes an empty body', () => {
    expect(errorFromResponse(503, '', undefined, target).message).toBe(
      'HTTP 503 with an empty body',
    );
  });
});

describe('Retry-After', () => {
  it('is kept on the error in ms', () => {
    const body = JSON.stringify({ errCode: 'PROXY.RATE_LIMITED', errMsg: 'wait' });
    expect(errorFromResponse(429, body, undefined, target, '42')).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 42_000,
    });
    expect(errorFromResponse(429, body, undefined, target, null).retryAfterMs).toBeUndefined();
  });
});
