import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../common/contract';
import type { LookupTarget } from '../lib/api-error';
import { boardRef } from './board-link';

// One paste reader for the lookup (one job, `readPaste`) and the board (every job,
// `extractRefs`): the same link forms, hosts, labels and limit. Where the two readers used to
// differ, the stricter rule was kept (issue 20).

/** Pasted text is read up to this length; the rest is ignored. */
export const PASTE_MAX_CHARS = 20_000;

const REGION = String.raw`[a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3}`;
const HEX32 = String.raw`[0-9a-fA-F]{32}`;
const JOB = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?`;
/** The endpoints whose host name carries the region (the API, IAM, the console). */
const HOST_REGION = new RegExp(
  String.raw`\b(?:sfs-turbo|iam|console)\.(${REGION})\.(?:otc\.t-systems\.com|sc\.otc\.t-systems\.com|myhuaweicloud\.(?:com|eu))`,
  'gi',
);
/** The dashboard's job page (`…/eu-de/projects/P/jobs/J`), as the dashboard writes it: lower case. */
const DASHBOARD_PATH = new RegExp(
  String.raw`/(${REGION})/projects/([0-9a-f]{32})/jobs/(${JOB})(?![A-Za-z0-9-])`,
  'g',
);
/** The API (`/v1/P/sfs-turbo/jobs/J`, with or without the dashboard's `/api/{region}`). */
const API_PATH = new RegExp(
  String.raw`(?:/api/(${REGION}))?/v1/(${HEX32})/sfs-turbo/jobs/(${JOB})(?![A-Za-z0-9-])`,
  'gi',
);
const KEYED_REGION = new RegExp(
  String.raw`["']?region(?:[_\s-]?(?:id|name))?["']?\s*[:=]\s*["']?(${REGION})(?![a-z0-9-])`,
  'gi',
);
/**
 * Labels of IDs that are never a job or a project to look up, however much they look like
 * one: request, trace and span IDs, sub-jobs and parents, and the other resources of a log line.
 */
const NOT_OURS_WORDS =
  'request|req|trace|span|correlation|parent|sub[_\\s.-]?job|share|instance|session|user|domain|server|volume|subnet|vpc|order|agency|resource';
const NOT_OURS_LABEL = new RegExp(NOT_OURS_WORDS.replaceAll('[_\\s.-]?', ''));
/**
 * Labels whose bare word already names an ID that is not a job: `(request 0a1b…)`,
 * `trace: 4bf9…`, `span 00f0…`. Other words (share, user, order) need their `id` to count as a label.
 */
const ID_WORDS = 'request|req|trace|span|correlation';
const UUID_LIKE = /^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$/;
const known = (knownRegions: readonly string[], region: string | undefined) => {
  const lower = region?.toLowerCase();
  return lower !== undefined && knownRegions.includes(lower) ? lower : undefined;
};
function firstIn(
  text: string,
  pattern: RegExp,
  start = 0,
  end = text.length,
): RegExpExecArray | undefined {
  for (const match of text.slice(start, end).matchAll(pattern)) return match;
  return undefined;
}

// ——— One job, for the lookup form ———

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
export type FieldReading =
  { kind: 'none' } | ({ kind: 'found' } & Found) | { kind: 'choice'; options: Found[] };

export interface PasteReading {
  region: FieldReading;
  projectId: FieldReading;
  jobId: FieldReading;
}

const TOKEN = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/g;
const HEX32_ONLY = /^[0-9a-f]{32}$/i;
/** The key right before a value: `"request_id": "`, `project=`, `X-Request-Id: `, `jobs/`, `project `. */
const LABEL_BEFORE =
  /([A-Za-z][A-Za-z0-9_.-]*)["'`]?(?:\s*(?:[:=]|=>)\s*["'`]?|\/|\s*\(\s*["'`]?|\s+["'`(]*)$/;

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
  if (NOT_OURS_LABEL.test(key)) return 'other';
  if (/project|tenant/.test(key)) return 'project';
  if (/job/.test(key)) return 'job';
  // Any other keyed ID (`foo_id`, `id`) names something else.
  if (key.endsWith('id')) return 'other';
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
    tokens.push({
      value,
      start,
      end: start + value.length,
      label: label?.[1] ? classify(label[1]) : 'none',
      labelStart,
    });
  }
  return tokens;
}

function found(input: string, token: Token): Found {
  return {
    value: token.value,
    from: fromText(input, token.label === 'none' ? token.start : token.labelStart, token.end),
  };
}

/** One value, or a choice among distinct values (first occurrence of each), or nothing. */
function decide(options: Found[]): FieldReading {
  const distinct = options.filter(
    (option, index) => options.findIndex((o) => o.value === option.value) === index,
  );
  if (distinct.length === 0) return { kind: 'none' };
  if (distinct.length === 1) return { kind: 'found', ...(distinct[0] as Found) };
  return { kind: 'choice', options: distinct.slice(0, 6) };
}

function readRegion(input: string, knownRegions: readonly string[]): FieldReading {
  for (const pattern of [DASHBOARD_PATH, KEYED_REGION, HOST_REGION]) {
    const match = firstIn(input, pattern);
    const region = known(knownRegions, match?.[1]);
    if (match && region)
      return {
        kind: 'found',
        value: region,
        from: fromText(input, match.index, match.index + match[0].length),
      };
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
  const input = text.slice(0, PASTE_MAX_CHARS);
  const region = readRegion(input, knownRegions);

  // A dashboard link or an API path names both IDs by their place: nothing beats it.
  for (const [pattern, projectGroup, jobGroup] of [
    [DASHBOARD_PATH, 2, 3],
    [API_PATH, 2, 3],
  ] as const) {
    const match = firstIn(input, pattern);
    const projectId = match?.[projectGroup]?.toLowerCase();
    const jobId = match?.[jobGroup];
    if (match && projectId && jobId && JOB_ID_PATTERN.test(jobId)) {
      const from = fromText(input, match.index, match.index + match[0].length);
      return {
        region,
        projectId: { kind: 'found', value: projectId, from },
        jobId: { kind: 'found', value: jobId, from },
      };
    }
  }

  // Values labelled as IDs that are not ours are blanked, not read: positions stay, so the
  // words each value came from are still quoted from the paste itself.
  const tokens = tokensOf(blankNotOurs(input, '\u0000'));
  const hex = (token: Token) => HEX32_ONLY.test(token.value);
  const asProject = (token: Token) => found(input, { ...token, value: token.value.toLowerCase() });

  // A job ID has digits: "the job successfully ended" names no job.
  const labelledJobs = tokens
    .filter((t) => t.label === 'job' && /\d/.test(t.value) && JOB_ID_PATTERN.test(t.value))
    .map((t) => found(input, t));
  const labelledProjects = tokens.filter((t) => t.label === 'project' && hex(t)).map(asProject);
  let jobId = decide(labelledJobs);
  let projectId = decide(labelledProjects);

  const taken = (value: string, reading: FieldReading) =>
    reading.kind === 'found' && reading.value.toLowerCase() === value.toLowerCase();
  if (projectId.kind === 'none') {
    const jobValue = jobId;
    projectId = decide(
      tokens
        .filter((t) => t.label === 'none' && hex(t) && !taken(t.value, jobValue))
        .map(asProject),
    );
  }
  if (jobId.kind === 'none') {
    const uuids = tokens
      .filter((t) => t.label === 'none' && UUID_LIKE.test(t.value))
      .map((t) => found(input, t));
    const projectValue = projectId;
    jobId = decide(
      uuids.length > 0
        ? uuids
        : tokens
            .filter((t) => t.label === 'none' && hex(t) && !taken(t.value, projectValue))
            .map((t) => found(input, t)),
    );
  }
  // Values the form would refuse are never offered.
  const valid = (reading: FieldReading, pattern: RegExp): FieldReading => {
    if (reading.kind === 'found') return pattern.test(reading.value) ? reading : { kind: 'none' };
    if (reading.kind === 'choice')
      return decide(reading.options.filter((option) => pattern.test(option.value)));
    return reading;
  };
  return {
    region,
    projectId: valid(projectId, PROJECT_ID_PATTERN),
    jobId: valid(jobId, JOB_ID_PATTERN),
  };
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

// ——— Every job, for the board ———

/**
 * Values labelled as IDs that are not ours (`trace_id`, `parent.job_id`, W3C `traceparent`):
 * blanked before anything else is read, so they never become a job or a project.
 */
const NOT_A_JOB = new RegExp(
  String.raw`(?:(?:x-)?(?:${NOT_OURS_WORDS})(?:[_\s.-]?job)?[_\s.-]?id|traceparent|x-b3-[a-z]+)(?:,\s*this refresh)?["'\`|]?\s*[:=|(]?\s*["'\`]?([A-Za-z0-9-]{6,})`,
  'gi',
);
/**
 * The same without `id`: `(request 0a1b…)`, `req=…`, `Trace: …`. The value must hold a digit,
 * so that prose ("request access", "trace logs") stays readable to the later steps.
 */
const NOT_A_JOB_BARE = new RegExp(
  String.raw`(?<![A-Za-z0-9/_.-])(?:x-)?(?:${ID_WORDS})(?![A-Za-z0-9_-])["'\`]?(?:\s*[:=]\s*|\s*\(\s*|\s+)["'\`]?((?=[A-Za-z-]*[0-9])[A-Za-z0-9-]{6,})`,
  'gi',
);
/** `fill` other than a space keeps a blanked value between a label and what follows it. */
function blankNotOurs(text: string, fill = ' '): string {
  return blankAll(blankAll(text, NOT_A_JOB, 1, fill), NOT_A_JOB_BARE, 1, fill);
}

/** A board's own address lists its jobs as `eu-de/P/J`. */
const BOARD_ITEM = new RegExp(
  String.raw`(?<![A-Za-z0-9-])(${REGION})(?:/|%2F)(${HEX32})(?:/|%2F)(${JOB})(?![A-Za-z0-9-])`,
  'gi',
);
/** `job_id`, `jobId`, `"job id"`; not `sub_job_id` nor `parent.job_id` (someone else's job). */
const KEYED_JOB = new RegExp(
  String.raw`["']?(?<![A-Za-z0-9_.-])job[_\s-]?id["']?\s*[:=]?\s*["']?(${JOB})(?![A-Za-z0-9-])`,
  'gi',
);
const KEYED_PROJECT = new RegExp(
  String.raw`["']?(?<![A-Za-z0-9_.-])(?:project|tenant)(?:[_\s-]?id)?["']?\s*[:=]?\s*["']?(${HEX32})(?![A-Za-z0-9-])`,
  'gi',
);
/** Any other labelled ID (share, instance, VPC, user…): blanked before bare IDs are read. */
const OTHER_KEYED = /(?<![a-z])([a-z]+)[_\s.-]?id["']?\s*[:=]\s*["']?([A-Za-z0-9-]{6,})/gi;
const OURS = new Set(['job', 'project', 'tenant']);
const UUID_IN_TEXT =
  /(?<![A-Za-z0-9-])[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}(?![A-Za-z0-9-])/g;
const BARE_32 = /(?<![A-Za-z0-9-])[A-Za-z0-9]{32}(?![A-Za-z0-9-])/g;

interface Reference {
  at: number;
  end: number;
  /** A bare 32-character value: a job ID, or a request or trace ID nobody labelled. */
  bare32?: boolean;
  region: string | undefined;
  projectId: string | undefined;
  jobId: string;
}

function blank(text: string, start: number, end: number, fill = ' '): string {
  return text.slice(0, start) + fill.repeat(end - start) + text.slice(end);
}

/** Replaces every match of `pattern` (or its group `group`) with spaces; positions stay. */
function blankAll(text: string, pattern: RegExp, group = 0, fill = ' '): string {
  let out = text;
  for (const match of text.matchAll(pattern)) {
    const value = match[group];
    if (value === undefined || match.index === undefined) continue;
    const start = match.index + match[0].lastIndexOf(value);
    out = blank(out, start, start + value.length, fill);
  }
  return out;
}

/** The segment (line, or JSON object on one line) around `at`: where keyed values belong together. */
function segmentAround(text: string, at: number): [number, number] {
  const before = Math.max(
    text.lastIndexOf('\n', at),
    text.lastIndexOf('{', at),
    text.lastIndexOf('}', at - 1),
  );
  const afterCandidates = [text.indexOf('\n', at), text.indexOf('}', at)].filter((i) => i >= 0);
  return [before + 1, afterCandidates.length ? Math.min(...afterCandidates) : text.length];
}

/** A job reference found in a paste, as the board's paste box lists it before adding. */
export interface FoundRef {
  target: LookupTarget;
  /** The words of the paste it came from, on one line. */
  from: string;
  /** The region was not in the text: the one named nearest before it, or the default. */
  regionGuessed: boolean;
  /**
   * A bare 32-character value with no label and no link around it: as likely a request or
   * trace ID someone did not label as a job ID, so it is offered unticked.
   */
  unsure: boolean;
}

/**
 * Every job reference in any text support staff paste: dashboard and board links, API paths
 * (with the region from `/api/{region}` or the endpoint's host), console URLs with a region,
 * log lines and JSON with keyed IDs, and a list of bare job IDs under one project ID. In the
 * order they appear, each once. A job without a region in the text takes the region named
 * nearest before it, else `defaultRegion`; only `knownRegions` are taken from free text.
 * Values labelled request, trace or span ID are never taken. Pure; never throws.
 */
export function extractRefs(
  input: string,
  knownRegions: readonly string[],
  defaultRegion: string,
): LookupTarget[] {
  return findRefs(input, knownRegions, defaultRegion).map((ref) => ref.target);
}

/** `extractRefs`, with where each reference came from and how sure the reader is of it. */
export function findRefs(
  input: string,
  knownRegions: readonly string[],
  defaultRegion: string,
): FoundRef[] {
  // Links copied from an address bar may carry `/` and `,` percent-encoded.
  const plain = input.slice(0, PASTE_MAX_CHARS).replace(/%2F/gi, '/').replace(/%2C/gi, ',');
  let text = blankNotOurs(plain);
  const found: Reference[] = [];

  // 1. Explicit references, taken whole and blanked so that later steps do not see them again.
  for (const pattern of [DASHBOARD_PATH, BOARD_ITEM]) {
    for (const match of text.matchAll(pattern)) {
      found.push({
        at: match.index,
        end: match.index + match[0].length,
        region: known(knownRegions, match[1]),
        projectId: match[2]?.toLowerCase(),
        jobId: match[3] ?? '',
      });
    }
    text = blankAll(text, pattern);
  }
  for (const match of text.matchAll(API_PATH)) {
    const [start, end] = segmentAround(text, match.index);
    const host = firstIn(text, HOST_REGION, start, end)?.[1];
    found.push({
      at: match.index,
      end: match.index + match[0].length,
      region: known(knownRegions, match[1]) ?? known(knownRegions, host),
      projectId: match[2]?.toLowerCase(),
      jobId: match[3] ?? '',
    });
  }
  text = blankAll(text, API_PATH);

  // 2. Keyed job IDs (log lines, JSON): the project and region keyed in the same segment.
  for (const match of text.matchAll(KEYED_JOB)) {
    const jobId = match[1] ?? '';
    // "job ID under one project" is prose, not an ID: keyed IDs look like IDs.
    if (jobId.length < 8 || !/\d/.test(jobId)) continue;
    const [start, end] = segmentAround(text, match.index);
    const project = firstIn(text, KEYED_PROJECT, start, end)?.[1];
    const region =
      firstIn(text, KEYED_REGION, start, end)?.[1] ?? firstIn(text, HOST_REGION, start, end)?.[1];
    found.push({
      at: match.index,
      end: match.index + match[0].length,
      region: known(knownRegions, region),
      projectId: project?.toLowerCase(),
      jobId,
    });
  }
  text = blankAll(text, KEYED_JOB, 1);
  for (const match of text.matchAll(OTHER_KEYED)) {
    const value = match[2];
    if (OURS.has((match[1] ?? '').toLowerCase()) || value === undefined) continue;
    const start = match.index + match[0].lastIndexOf(value);
    text = blank(text, start, start + value.length);
  }

  // 3. Bare IDs: project IDs are keyed or hexadecimal; job IDs UUID-like, or 32 characters
  // once a project is known. Each bare job belongs to the project named last before it.
  const projects: { at: number; id: string }[] = [];
  for (const match of text.matchAll(KEYED_PROJECT))
    projects.push({ at: match.index, id: (match[1] ?? '').toLowerCase() });
  text = blankAll(text, KEYED_PROJECT, 1);
  for (const match of text.matchAll(UUID_IN_TEXT))
    found.push({
      at: match.index,
      end: match.index + match[0].length,
      region: undefined,
      projectId: undefined,
      jobId: match[0],
    });
  for (const match of text.matchAll(BARE_32)) {
    const value = match[0];
    const isHex = /^[0-9a-fA-F]{32}$/.test(value);
    const projectKnown = projects.some((project) => project.at < match.index);
    if (isHex && !projectKnown) projects.push({ at: match.index, id: value.toLowerCase() });
    else if (!projects.some((project) => project.id === value.toLowerCase())) {
      found.push({
        at: match.index,
        end: match.index + value.length,
        bare32: true,
        region: undefined,
        projectId: undefined,
        jobId: value,
      });
    }
  }
  projects.sort((a, b) => a.at - b.at);

  // Regions named in free text, for jobs that have none of their own.
  const regionMentions: { at: number; region: string }[] = [];
  for (const region of knownRegions) {
    for (const match of plain.matchAll(
      new RegExp(`(?<![a-z0-9-])${region.replace(/[-]/g, '\\-')}(?![a-z0-9-])`, 'gi'),
    )) {
      regionMentions.push({ at: match.index, region });
    }
  }
  regionMentions.sort((a, b) => a.at - b.at);
  const lastBefore = <T extends { at: number }>(list: T[], at: number): T | undefined =>
    list.filter((item) => item.at <= at).at(-1) ?? list[0];

  found.sort((a, b) => a.at - b.at);
  const refs: FoundRef[] = [];
  const seen = new Set<string>();
  for (const item of found) {
    const projectId = item.projectId ?? lastBefore(projects, item.at)?.id;
    if (
      projectId === undefined ||
      !PROJECT_ID_PATTERN.test(projectId) ||
      !JOB_ID_PATTERN.test(item.jobId)
    )
      continue;
    if (item.jobId.toLowerCase() === projectId) continue;
    const region = item.region ?? lastBefore(regionMentions, item.at)?.region ?? defaultRegion;
    const target = { region, projectId, jobId: item.jobId };
    const key = boardRef(target);
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({
      target,
      from: fromText(plain, item.at, item.end),
      regionGuessed: item.region === undefined,
      unsure: item.bare32 === true,
    });
  }
  return refs;
}
