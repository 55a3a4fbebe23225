import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../../common/contract';

export interface ExtractedIds {
  region?: string;
  projectId?: string;
  jobId?: string;
}

const API_PATH = /\/v1\/([0-9a-f]{32})\/sfs-turbo\/jobs\/([A-Za-z0-9-]{1,64})/i;
const DASHBOARD_PATH = /\/([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\/projects\/([0-9a-f]{32})\/jobs\/([A-Za-z0-9-]{1,64})/;
const KEYED_PROJECT = /["']?project[_\s-]?id["']?\s*[:=]\s*["']?([0-9a-fA-F]{32})\b/i;
const KEYED_JOB = /["']?(?:job[_\s-]?id|jobId)["']?\s*[:=]?\s*["']?([A-Za-z0-9][A-Za-z0-9-]{0,63})\b/i;
const KEYED_REGION = /["']?region(?:[_\s-]?(?:id|name))?["']?\s*[:=]\s*["']?([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\b/i;
const HOST_REGION = /\b(?:sfs-turbo|iam|console)\.([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\.(?:otc\.t-systems\.com|sc\.otc\.t-systems\.com|myhuaweicloud\.(?:com|eu))/i;
const UUID_LIKE = /\b[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}\b/;
const HEX32 = /\b[0-9a-f]{32}\b/gi;

/**
 * Pulls region, project ID and job ID out of whatever support staff paste: a dashboard or
 * console URL, an API path, a log line, a JSON body or an SDK error message. Only regions
 * in `knownRegions` are taken, so a stray word never becomes a region. Never throws.
 */
export function extractIds(text: string, knownRegions: readonly string[]): ExtractedIds {
  const input = text.slice(0, 20_000);
  const result: ExtractedIds = {};
  const known = (region: string | undefined) =>
    region !== undefined && knownRegions.includes(region.toLowerCase()) ? region.toLowerCase() : undefined;

  const dashboard = DASHBOARD_PATH.exec(input);
  if (dashboard) {
    result.region = known(dashboard[1]);
    result.projectId = dashboard[2];
    result.jobId = dashboard[3];
  }
  const api = API_PATH.exec(input);
  if (api) {
    result.projectId ??= api[1]?.toLowerCase();
    result.jobId ??= api[2];
  }
  result.projectId ??= KEYED_PROJECT.exec(input)?.[1]?.toLowerCase();
  const keyedJob = KEYED_JOB.exec(input)?.[1];
  if (keyedJob && JOB_ID_PATTERN.test(keyedJob) && keyedJob.length >= 8) result.jobId ??= keyedJob;
  result.region ??= known(KEYED_REGION.exec(input)?.[1]) ?? known(HOST_REGION.exec(input)?.[1]);
  if (result.region === undefined) {
    const word = knownRegions.find((region) => new RegExp(`(^|[^a-z0-9-])${region}($|[^a-z0-9-])`, 'i').test(input));
    if (word) result.region = word;
  }

  result.jobId ??= UUID_LIKE.exec(input)?.[0];
  if (result.projectId === undefined || result.jobId === undefined) {
    const hexes = [...input.matchAll(HEX32)].map((match) => match[0].toLowerCase());
    const candidates = hexes.filter((hex) => hex !== result.projectId && hex !== result.jobId?.toLowerCase());
    if (result.projectId === undefined && candidates[0]) result.projectId = candidates.shift();
    if (result.jobId === undefined && candidates[0]) result.jobId = candidates.shift();
  }

  if (result.projectId !== undefined && !PROJECT_ID_PATTERN.test(result.projectId)) delete result.projectId;
  if (result.jobId !== undefined && !JOB_ID_PATTERN.test(result.jobId)) delete result.jobId;
  if (result.region === undefined) delete result.region;
  return result;
}
