/** An answer given as is, instead of a job body. */
export interface CannedAnswer {
  status: number;
  /** Serialised as JSON, unless `contentType` is set; then it must be the raw text. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** SFS Turbo's own error shape. */
export function sfsError(status: number, code: string, message: string): CannedAnswer {
  return { status, body: { errCode: code, errMsg: message } };
}

/** The API gateway in front of SFS Turbo answers in its own shape, echoing the request ID. */
export function gatewayError(
  status: number,
  code: string,
  message: string,
  requestId: string,
): CannedAnswer {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}

/** IAM (Keystone) error shape. */
export function iamError(status: number, title: string, message: string): CannedAnswer {
  return { status, body: { error: { code: status, title, message } } };
}

export const SFS = {
  parameterError: () => sfsError(400, 'SFS.TURBO.0001', 'parameter error'),
  invalidJobId: () => sfsError(404, 'SFS.TURBO.0019', 'Invalid Job Id'),
  internal: () => sfsError(500, 'SFS.TURBO.0005', 'Internal server error'),
  noPrivileges: () => sfsError(403, 'SFS.TURBO.9000', 'no privileges to operate'),
};

export const GATEWAY = {
  incorrectAuth: (detail: string, requestId: string) =>
    gatewayError(
      401,
      'APIG.0301',
      `Incorrect IAM authentication information: ${detail}`,
      requestId,
    ),
  tokenMustBeUpdated: (requestId: string) =>
    gatewayError(401, 'APIG.0307', 'The token must be updated.', requestId),
  throttled: (requestId: string) =>
    gatewayError(
      429,
      'APIG.0308',
      'The request is throttled: the number of requests to this API exceeds the limit.',
      requestId,
    ),
  iamUnavailable: (requestId: string) =>
    gatewayError(
      503,
      'APIG.0613',
      'Authentication service unavailable. Please try again later.',
      requestId,
    ),
};
