/**
 * Plain-language meanings of the codes SFS Turbo and the API gateway return, from the
 * service's error table (../shared/api/FACTS.md). Unknown codes are shown as they came.
 */
const MEANINGS: Record<string, string> = {
  'SFS.TURBO.0001': 'Parameter error: the request or one of its IDs was not accepted.',
  'SFS.TURBO.0002': 'File system (cluster) not found.',
  'SFS.TURBO.0003': 'Invalid file system name.',
  'SFS.TURBO.0004': 'Invalid VPC.',
  'SFS.TURBO.0005': 'Internal server error in SFS Turbo.',
  'SFS.TURBO.0006': 'Invalid subnet.',
  'SFS.TURBO.0007': 'Invalid share type.',
  'SFS.TURBO.0008': 'Invalid size.',
  'SFS.TURBO.0009': 'A file system with this name already exists.',
  'SFS.TURBO.0010': 'Quota exceeded.',
  'SFS.TURBO.0011': 'The file system is busy with another operation.',
  'SFS.TURBO.0015': 'No permission for this operation.',
  'SFS.TURBO.0016': 'The resource already has the maximum number of tags.',
  'SFS.TURBO.0017': 'Invalid tag key.',
  'SFS.TURBO.0018': 'Invalid tag value.',
  'SFS.TURBO.0019':
    'Invalid job ID: no such job in this project and region (job records also expire).',
  'SFS.TURBO.0020': 'Invalid flavor.',
  'SFS.TURBO.0021': 'File system does not match.',
  'SFS.TURBO.0022': 'A backup with this name already exists.',
  'SFS.TURBO.0023': 'Invalid flavor reference.',
  'SFS.TURBO.0024': 'Operation not allowed in the current state.',
  'SFS.TURBO.0025': 'Invalid tag key.',
  'SFS.TURBO.0026': 'Invalid tag value.',
  'SFS.TURBO.0027': 'Invalid security group.',
  'SFS.TURBO.0028': 'Invalid encryption key.',
  'SFS.TURBO.0029': 'The subnet has not enough free IP addresses.',
  'SFS.TURBO.0030': 'Not enough ECS resources in this availability zone.',
  'SFS.TURBO.0031': 'Cache type does not exist.',
  'SFS.TURBO.0032': 'Not enough EVS resources.',
  'SFS.TURBO.0033': 'Could not get client IP addresses.',
  'SFS.TURBO.0034': 'Not enough dedicated storage resources.',
  'SFS.TURBO.0035': 'This file system type does not support backup.',
  'SFS.TURBO.0036': 'Could not read the used capacity of the directory.',
  'SFS.TURBO.0037': 'Operation conflict; the client should retry.',
  'SFS.TURBO.0038': 'Unknown error in SFS Turbo.',
  'SFS.TURBO.0039': 'Not enough virtual IP quota.',
  'SFS.TURBO.0040': 'Not enough security group quota.',
  'SFS.TURBO.0101': 'Path or storage backend not found.',
  'SFS.TURBO.0104': 'Storage backend (OBS) error.',
  'SFS.TURBO.0105': 'Storage backend (OBS) error.',
  'SFS.TURBO.9000':
    'No privileges: the credentials cannot see this resource (wrong project, or missing SFS Turbo permissions).',
  'APIG.0101': 'The API gateway does not know this API: wrong endpoint or region.',
  'APIG.0201':
    'The API gateway rejected or could not complete the request (bad request, too large, or backend timeout).',
  'APIG.0301':
    'Incorrect IAM authentication: the token is missing, malformed or expired, or the AK/SK signature is wrong.',
  'APIG.0302': 'The IAM user is not authorised for this API.',
  'APIG.0307': 'The token must be renewed.',
  'APIG.0308': 'Throttled: too many requests to this API; slow down and retry.',
  'APIG.0601': 'Internal error in the API gateway.',
  'APIG.0613': 'IAM is unavailable to the API gateway.',
  'PROXY.BAD_REQUEST':
    'The dashboard refused the request before sending it: an ID or the path is malformed.',
  'PROXY.UNKNOWN_REGION': 'The dashboard server is not configured for this region.',
  'PROXY.NOT_FOUND': 'The dashboard server has no such API route.',
  'PROXY.METHOD_NOT_ALLOWED': 'The dashboard server only forwards reads.',
  'PROXY.UPSTREAM_UNREACHABLE':
    'The dashboard server could not reach the SFS Turbo endpoint (connection refused, reset or DNS failure).',
  'PROXY.UPSTREAM_TIMEOUT': 'The SFS Turbo endpoint did not answer in time.',
  'PROXY.UPSTREAM_TOO_LARGE': 'The SFS Turbo endpoint sent an answer too large to be a job.',
  'PROXY.NO_CREDENTIALS': 'The dashboard server has no cloud credentials configured.',
  'PROXY.AUTH_FAILED': 'The dashboard server could not obtain a token from IAM.',
  'PROXY.REGION_NOT_ALLOWED':
    'The dashboard server’s credential may not be used in this region, so nothing was sent.',
  'PROXY.CROSS_SITE': 'Another web site tried to use the dashboard’s API; the dashboard refused.',
  'PROXY.RATE_LIMITED':
    'Too many requests to the cloud (from this user, or IAM logins of the dashboard server) in the last minute; the dashboard says when to try again.',
  'PROXY.UPSTREAM_LEAK':
    'The answer contained the dashboard server’s credential, so it was withheld.',
  'PROXY.UNAUTHENTICATED': 'Not signed in to the dashboard, or the session has ended.',
  'PROXY.FORBIDDEN': 'Signed in, but not on the dashboard’s list of allowed users or groups.',
};

export function explainCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const normalised = code
    .trim()
    .toUpperCase()
    .replace(/^APIGW\./, 'APIG.');
  return Object.hasOwn(MEANINGS, normalised) ? MEANINGS[normalised] : undefined;
}
