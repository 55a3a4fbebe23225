import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../common/contract';

export interface ExtractedIds {
  region?: string;
  projectId?: string;
  jobId?: string;
}

/** A value found in a paste, and the words of the paste it came from. */
export interface Found {
  value: string;
  from: string;
}

/** One field's reading: nothing, one value, or several candidates to offer (never a guess). */
export type FieldReading = { kind: 'none' } | ({ kind: 'found' } & Found) | { kind: 'choice'; options: Found[] };

export interface PasteReading {
  region: FieldReading;
  projectId: FieldReading;
  jobId: FieldReading;
}

const API_PATH = /\/v1\/([0-9a-f]{32})\/sfs-turbo\/jobs\/([A-Za-z0-9-]{1,64})/i;
const DASHBOARD_PATH = /\/([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\/projects\/([0-9a-f]{32})\/jobs\/([A-Za-z0-9-]{1,64})/;
const KEYED_REGION = /["']?region(?:[_\s-]?(?:id|name))?["']?\s*[:=]\s*["']?([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\b/i;
const HOST_REGION = /\b(?:sfs-turbo|iam|console)\.([a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3})\.(?:otc\.t-systems\.com|sc\.otc\.t-systems\.com|myhuaweicloud\.(?:com|eu))/i;
const TOKEN = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/g;
const HEX32 = /^[0-9a-f]{32}$/i;
const UUID_LIKE = /^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$/;
/** The key right before a value: `"request_id": "`, `project=`, `X-Request-Id: `, `jobs/`, `project `. */
const LABEL_BEFORE = /([A-Za-z][A-Za-z0-9_.-]*)["']?(?:\s*(?:[:=]|=>)\s*["']?|\/|\s+)$/;
/** Labels of IDs that are never a project or job ID, however much they look like one. */
const OTHER_LABEL = /request|trace|span|share|instance|correlation|session|user|domain|server|volume|subnet|vpc|order|agency|resource|subjob|parent/;

type Label = 'project' | 'job' | 'other' | 'none';

interface Token {
  value: string;
  start: number;
  end: number;
  label: Label;
  labelStart: number;
}

function classify(word: string): Label {
  const key = word.toLowerCase().replace(/[_.-]/g, '');
  if (OTHER_LABEL.test(key)) return 'other';
  if (/project|tenant/.test(key)) return 'project';
  if (/job|task/.test(key)) return 'job';
  return 'none';
}

/** The words of the paste a value came from: its label and the value, on one line, at most ~90 characters. */
function fromText(input: string, start: number, end: number): string {
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  const from = Math.max(lineStart, start);
  const text = input.slice(from, end).replace(/\s+/g, ' ').trim();
  return text.length > 90 ? `…${text.slice(-89)}` : text;
}

function tokensOf(input: string): Token[] {
  const tokens: Token[] = [];
  for (const match of input.matchAll(TOKEN)) {
    const value = match[0];
    const start = match.index;
    if (value.length < 8 || value.length > 64) continue;
    const before = input.slice(Math.max(0, start - 48), start);
    const label = LABEL_BEFORE.exec(before);
    const labelStart = label ? start - before.length + label.index : start;
    tokens.push({ value, start, end: start + value.length, label: label?.[1] ? classify(label[1]) : 'none', labelStart });
  }
  return tokens;
}

function found(input: string, token: Token): Found {
  return { value: token.value, from: fromText(input, token.label === 'none' ? token.start : token.labelStart, token.end) };
}

/** One value, or a choice among distinct values (first occurrence of each), or nothing. */
function decide(options: Found[]): FieldReading {
  const distinct = options.filter((option, index) => options.findIndex((o) => o.value === option.value) === index);
  if (distinct.length === 0) return { kind: 'none' };
  if (distinct.length === 1) return { kind: 'found', ...(distinct[0] as Found) };
  return { kind: 'choice', options: distinct.slice(0, 6) };
}

function readRegion(input: string, knownRegions: readonly string[]): FieldReading {
  const known = (region: string | undefined) =>
    region !== undefined && knownRegions.includes(region.toLowerCase()) ? region.toLowerCase() : undefined;
  for (const pattern of [DASHBOARD_PATH, KEYED_REGION, HOST_REGION]) {
    const match = pattern.exec(input);
    const region = known(match?.[1]);
    if (match && region) return { kind: 'found', value: region, from: fromText(input, match.index, match.index + match[0].length) };
  }
  for (const region of knownRegions) {
    const match = new RegExp(`(^|[^a-z0-9-])(${region})($|[^a-z0-9-])`, 'i').exec(input);
    if (match) {
      const start = match.index + (match[1]?.length ?? 0);
      return { kind: 'found', value: region, from: fromText(input, start, start + region.length) };
    }
  }
  return { kind: 'none' };
}

/**
 * Reads region, project ID and job ID out of whatever support staff paste: a dashboard or
 * console URL, an API path, a log line, a JSON body or an SDK error message. Labels decide:
 * a value labelled request, trace, span, share or instance ID is never a project or job ID,
 * and a value labelled project or job wins over unlabelled ones. Where several candidates
 * remain, all are offered rather than one guessed. Only regions in `knownRegions` are taken.
 * Never throws.
 */
export function readPaste(text: string, knownRegions: readonly string[]): PasteReading {
  const input = text.slice(0, 20_000);
  const region = readRegion(input, knownRegions);

  // A dashboard link or an API path names both IDs by their place: nothing beats it.
  for (const [pattern, projectGroup, jobGroup] of [[DASHBOARD_PATH, 2, 3], [API_PATH, 1, 2]] as const) {
    const match = pattern.exec(input);
    const projectId = match?.[projectGroup]?.toLowerCase();
    const jobId = match?.[jobGroup];
    if (match && projectId && jobId && JOB_ID_PATTERN.test(jobId)) {
      const from = fromText(input, match.index, match.index + match[0].length);
      return { region, projectId: { kind: 'found', value: projectId, from }, jobId: { kind: 'found', value: jobId, from } };
    }
  }

  const tokens = tokensOf(input);
  const hex = (token: Token) => HEX32.test(token.value);
  const asProject = (token: Token) => found(input, { ...token, value: token.value.toLowerCase() });

  // A job ID has digits: "the job successfully ended" names no job.
  const labelledJobs = tokens
    .filter((t) => t.label === 'job' && /\d/.test(t.value) && JOB_ID_PATTERN.test(t.value))
    .map((t) => found(input, t));
  const labelledProjects = tokens.filter((t) => t.label === 'project' && hex(t)).map(asProject);
  let jobId = decide(labelledJobs);
  let projectId = decide(labelledProjects);

  const taken = (value: string, reading: FieldReading) => reading.kind === 'found' && reading.value.toLowerCase() === value.toLowerCase();
  if (projectId.kind === 'none') {
    const jobValue = jobId;
    projectId = decide(tokens.filter((t) => t.label === 'none' && hex(t) && !taken(t.value, jobValue)).map(asProject));
  }
  if (jobId.kind === 'none') {
    const uuids = tokens.filter((t) => t.label === 'none' && UUID_LIKE.test(t.value)).map((t) => found(input, t));
    const projectValue = projectId;
    jobId = decide(
      uuids.length > 0 ? uuids : tokens.filter((t) => t.label === 'none' && hex(t) && !taken(t.value, projectValue)).map((t) => found(input, t)),
    );
  }
  // Values the form would refuse are never offered.
  const valid = (reading: FieldReading, pattern: RegExp): FieldReading => {
    if (reading.kind === 'found') return pattern.test(reading.value) ? reading : { kind: 'none' };
    if (reading.kind === 'choice') return decide(reading.options.filter((option) => pattern.test(option.value)));
    return reading;
  };
  return { region, projectId: valid(projectId, PROJECT_ID_PATTERN), jobId: valid(jobId, JOB_ID_PATTERN) };
}

/** The values a paste decides (a field with several candidates is left out). */
export function extractIds(text: string, knownRegions: readonly string[]): ExtractedIds {
  const reading = readPaste(text, knownRegions);
  const result: ExtractedIds = {};
  if (reading.region.kind === 'found') result.region = reading.region.value;
  if (reading.projectId.kind === 'found') result.projectId = reading.projectId.value;
  if (reading.jobId.kind === 'found') result.jobId = reading.jobId.value;
  return result;
}
