import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../../common/contract';
import { boardRef } from '../../job/board-link';
import type { LookupTarget } from '../../lib/api-error';

/** One entry of the address's job list: a job, or what is wrong with the text. */
export type BoardEntry =
  | { kind: 'job'; key: string; target: LookupTarget }
  | { kind: 'invalid'; key: string; raw: string; problem: string };

export interface ParsedBoard {
  title: string;
  entries: BoardEntry[];
  /** Entries that named a job already on the board (merged into the first). */
  duplicates: number;
  ticketView: boolean;
}

/** Why `raw` is not `region/project/job`, or the job it names. */
export function parseBoardEntry(raw: string): { target: LookupTarget } | { problem: string } {
  const parts = raw.split('/');
  if (parts.length !== 3) {
    return {
      problem: `"region/project ID/job ID" expected; this has ${parts.length} part${parts.length === 1 ? '' : 's'}.`,
    };
  }
  const [region = '', projectId = '', jobId = ''] = parts;
  if (!REGION_PATTERN.test(region))
    return { problem: 'The region is malformed (for example eu-de).' };
  if (!PROJECT_ID_PATTERN.test(projectId))
    return { problem: 'The project ID must be 32 lower-case hexadecimal characters.' };
  if (!JOB_ID_PATTERN.test(jobId)) {
    return {
      problem:
        'The job ID must be 1 to 64 letters, digits and dashes, starting and ending with a letter or digit.',
    };
  }
  return { target: { region, projectId, jobId } };
}

/**
 * Reads `?jobs=…&title=…`: order kept, duplicates merged, an entry that is not a job kept as
 * an entry that says why (nothing is dropped silently; empty entries from `a,,b` excepted).
 */
export function parseBoardSearch(search: string): ParsedBoard {
  const params = new URLSearchParams(search);
  const entries: BoardEntry[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const list = params.getAll('jobs').flatMap((value) => value.split(','));
  list.forEach((item, index) => {
    const raw = item.trim();
    if (raw === '') return;
    const parsed = parseBoardEntry(raw);
    if ('problem' in parsed) {
      entries.push({ kind: 'invalid', key: `invalid-${index}`, raw, problem: parsed.problem });
      return;
    }
    const key = boardRef(parsed.target);
    if (seen.has(key)) {
      duplicates += 1;
      return;
    }
    seen.add(key);
    entries.push({ kind: 'job', key, target: parsed.target });
  });
  return {
    title: params.get('title') ?? '',
    entries,
    duplicates,
    ticketView: params.get('view') === 'ticket',
  };
}

export function jobsOf(entries: readonly BoardEntry[]): LookupTarget[] {
  return entries.flatMap((entry) => (entry.kind === 'job' ? [entry.target] : []));
}
