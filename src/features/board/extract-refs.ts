import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../../common/contract';
import type { LookupTarget } from '../../lib/api-error';
import { boardRef } from '../../job/board-link';

/** Pasted text is read up to this length; the rest is ignored (and said so by the caller). */
export const EXTRACT_MAX_CHARS = 200_000;

const REGION = String.raw`[a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3}`;
const HEX32 = String.raw`[0-9a-fA-F]{32}`;
const JOB = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?`;

/**
 * Values labelled as request, trace, span or correlation IDs (and W3C `traceparent`): blanked
 * before anything else is read, so they never become a job or a project.
 */
const NOT_A_JOB = new RegExp(
  String.raw`(?:(?:x-)?(?:request|req|trace|span|correlation|parent)[_\s.-]?id|traceparent|x-b3-[a-z]+)["']?\s*[:=]?\s*["']?([A-Za-z0-9-]{6,})`,
  'gi',
);
/** The dashboard's job page and board (`…/eu-de/projects/P/jobs/J`, `eu-de/P/J`). */
const DASHBOARD_PATH = new RegExp(String.raw`(?<![A-Za-z0-9-])(${REGION})/projects/(${HEX32})/jobs/(${JOB})(?![A-Za-z0-9-])`, 'g');
const BOARD_ITEM = new RegExp(String.raw`(?<![A-Za-z0-9-])(${REGION})(?:/|%2F)(${HEX32})(?:/|%2F)(${JOB})(?![A-Za-z0-9-])`, 'gi');
/** The API (`/v1/P/sfs-turbo/jobs/J`, with or without the dashboard's `/api/{region}`). */
const API_PATH = new RegExp(String.raw`(?:/api/(${REGION}))?/v1/(${HEX32})/sfs-turbo/jobs/(${JOB})(?![A-Za-z0-9-])`, 'gi');
const KEYED_JOB = new RegExp(String.raw`["']?(?:sub[_\s-]?)?job[_\s-]?id["']?\s*[:=]?\s*["']?(${JOB})(?![A-Za-z0-9-])`, 'gi');
const KEYED_PROJECT = new RegExp(String.raw`["']?(?:project|tenant)[_\s-]?id["']?\s*[:=]?\s*["']?(${HEX32})(?![A-Za-z0-9-])`, 'gi');
const KEYED_REGION = new RegExp(String.raw`["']?region(?:[_\s-]?(?:id|name))?["']?\s*[:=]\s*["']?(${REGION})(?![a-z0-9-])`, 'gi');
const HOST_REGION = new RegExp(String.raw`\b(?:sfs-turbo|iam|console|ecs|evs|vpc)\.(${REGION})\.(?:otc\.t-systems\.com|sc\.otc\.t-systems\.com|myhuaweicloud\.(?:com|eu))`, 'gi');
/** Any other labelled ID (share, instance, VPC, user…): blanked before bare IDs are read. */
const OTHER_KEYED = /(?<![a-z])([a-z]+)[_\s.-]?id["']?\s*[:=]\s*["']?([A-Za-z0-9-]{6,})/gi;
const OURS = new Set(['job', 'project', 'tenant']);
const UUID_LIKE = /(?<![A-Za-z0-9-])[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}(?![A-Za-z0-9-])/g;
const BARE_32 = /(?<![A-Za-z0-9-])[A-Za-z0-9]{32}(?![A-Za-z0-9-])/g;

interface Found {
  at: number;
  region: string | undefined;
  projectId: string | undefined;
  jobId: string;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Replaces every match of `pattern` (or its group `group`) with spaces; positions stay. */
function blankAll(text: string, pattern: RegExp, group = 0): string {
  let out = text;
  for (const match of text.matchAll(pattern)) {
    const value = match[group];
    if (value === undefined || match.index === undefined) continue;
    const start = match.index + match[0].lastIndexOf(value);
    out = blank(out, start, start + value.length);
  }
  return out;
}

/** The segment (line, or JSON object on one line) around `at`: where keyed values belong together. */
function segmentAround(text: string, at: number): [number, number] {
  const before = Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('{', at), text.lastIndexOf('}', at - 1));
  const afterCandidates = [text.indexOf('\n', at), text.indexOf('}', at)].filter((i) => i >= 0);
  return [before + 1, afterCandidates.length ? Math.min(...afterCandidates) : text.length];
}

function firstIn(text: string, pattern: RegExp, start: number, end: number): RegExpExecArray | undefined {
  for (const match of text.slice(start, end).matchAll(pattern)) return match;
  return undefined;
}

/**
 * Every job reference in any text support staff paste: dashboard and board links, API paths
 * (with the region from `/api/{region}` or the endpoint's host), console URLs with a region,
 * log lines and JSON with keyed IDs, and a list of bare job IDs under one project ID. In the
 * order they appear, each once. A job without a region in the text takes the region named
 * nearest before it, else `defaultRegion`; only `knownRegions` are taken from free text.
 * Values labelled request, trace or span ID are never taken. Pure; never throws.
 */
export function extractRefs(input: string, knownRegions: readonly string[], defaultRegion: string): LookupTarget[] {
  // Links copied from an address bar may carry `/` and `,` percent-encoded.
  const plain = input.slice(0, EXTRACT_MAX_CHARS).replace(/%2F/gi, '/').replace(/%2C/gi, ',');
  let text = blankAll(plain, NOT_A_JOB, 1);
  const found: Found[] = [];
  const known = (region: string | undefined) => {
    const lower = region?.toLowerCase();
    return lower !== undefined && knownRegions.includes(lower) ? lower : undefined;
  };

  // 1. Explicit references, taken whole and blanked so that later steps do not see them again.
  for (const pattern of [DASHBOARD_PATH, BOARD_ITEM]) {
    for (const match of text.matchAll(pattern)) {
      found.push({ at: match.index, region: match[1]?.toLowerCase(), projectId: match[2]?.toLowerCase(), jobId: match[3] ?? '' });
    }
    text = blankAll(text, pattern);
  }
  for (const match of text.matchAll(API_PATH)) {
    const [start, end] = segmentAround(text, match.index);
    const host = firstIn(text, HOST_REGION, start, end)?.[1];
    found.push({ at: match.index, region: known(match[1]) ?? known(host), projectId: match[2]?.toLowerCase(), jobId: match[3] ?? '' });
  }
  text = blankAll(text, API_PATH);

  // 2. Keyed job IDs (log lines, JSON): the project and region keyed in the same segment.
  for (const match of text.matchAll(KEYED_JOB)) {
    const jobId = match[1] ?? '';
    // "job ID under one project" is prose, not an ID: keyed IDs look like IDs.
    if (jobId.length < 8 || !/\d/.test(jobId)) continue;
    const [start, end] = segmentAround(text, match.index);
    const project = firstIn(text, KEYED_PROJECT, start, end)?.[1];
    const region = firstIn(text, KEYED_REGION, start, end)?.[1] ?? firstIn(text, HOST_REGION, start, end)?.[1];
    found.push({ at: match.index, region: known(region), projectId: project?.toLowerCase(), jobId });
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
  for (const match of text.matchAll(KEYED_PROJECT)) projects.push({ at: match.index, id: (match[1] ?? '').toLowerCase() });
  text = blankAll(text, KEYED_PROJECT, 1);
  for (const match of text.matchAll(UUID_LIKE)) found.push({ at: match.index, region: undefined, projectId: undefined, jobId: match[0] });
  for (const match of text.matchAll(BARE_32)) {
    const value = match[0];
    const isHex = /^[0-9a-fA-F]{32}$/.test(value);
    const projectKnown = projects.some((project) => project.at < match.index);
    if (isHex && !projectKnown) projects.push({ at: match.index, id: value.toLowerCase() });
    else if (!projects.some((project) => project.id === value.toLowerCase())) {
      found.push({ at: match.index, region: undefined, projectId: undefined, jobId: value });
    }
  }
  projects.sort((a, b) => a.at - b.at);

  // Regions named in free text, for jobs that have none of their own.
  const regionMentions: { at: number; region: string }[] = [];
  for (const region of knownRegions) {
    for (const match of plain.matchAll(new RegExp(`(?<![a-z0-9-])${region.replace(/[-]/g, '\\-')}(?![a-z0-9-])`, 'gi'))) {
      regionMentions.push({ at: match.index, region });
    }
  }
  regionMentions.sort((a, b) => a.at - b.at);
  const lastBefore = <T extends { at: number }>(list: T[], at: number): T | undefined =>
    list.filter((item) => item.at <= at).at(-1) ?? list[0];

  found.sort((a, b) => a.at - b.at);
  const refs: LookupTarget[] = [];
  const seen = new Set<string>();
  for (const item of found) {
    const projectId = item.projectId ?? lastBefore(projects, item.at)?.id;
    if (projectId === undefined || !PROJECT_ID_PATTERN.test(projectId) || !JOB_ID_PATTERN.test(item.jobId)) continue;
    if (item.jobId.toLowerCase() === projectId) continue;
    const region = item.region ?? lastBefore(regionMentions, item.at)?.region ?? defaultRegion;
    const target = { region, projectId, jobId: item.jobId };
    const key = boardRef(target);
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(target);
  }
  return refs;
}
