// Every field is an optional string, as all four official SDKs declare them. Objects are
// loose so that fields a newer API version adds are kept rather than stripped. Checked by hand
// rather than with a schema library: seven text fields and one list do not need one, and zod/mini
// alone was 5 kB of the job page's first load (docs/decisions/0006-first-load-budget.md).
const TEXT_FIELDS = ['status', 'job_id', 'job_type', 'begin_time', 'end_time', 'error_code', 'fail_reason'] as const;

export interface SubJob {
  status?: string;
  job_id?: string;
  job_type?: string;
  begin_time?: string;
  end_time?: string;
  error_code?: string;
  fail_reason?: string;
  [field: string]: unknown;
}

export interface Job extends SubJob {
  sub_jobs?: SubJob[];
}

export interface ParsedJob {
  job: Job;
  /** What did not fit the contract and how it was treated; shown on the page. */
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** A copy of `source` whose text fields are text or absent; `prefix` names it in warnings. */
function readTextFields(source: Record<string, unknown>, prefix: string, warnings: string[]): SubJob {
  const read: SubJob = { ...source };
  for (const field of TEXT_FIELDS) {
    const value = source[field];
    if (value === undefined || typeof value === 'string') continue;
    const label = `${prefix}${field}`;
    if (typeof value === 'number' || typeof value === 'boolean') {
      read[field] = String(value);
      warnings.push(`${label} was ${describe(value)} (${String(value)}), shown as text`);
    } else {
      delete read[field];
      warnings.push(`${label} was ${describe(value)}, expected text; left out`);
    }
  }
  return read;
}

/**
 * Validates a ShowJobDetail body. A body that is not an object yields `null` (the caller
 * reports an unexpected response). Fields of the wrong type are salvaged where that is
 * honest (a number shown as text) or dropped, and every such repair becomes a warning, so the
 * page shows what it can and flags the rest.
 */
export function parseJobBody(body: unknown): ParsedJob | null {
  if (!isRecord(body)) return null;
  const warnings: string[] = [];
  const job: Job = readTextFields(body, '', warnings);
  const subJobs = body.sub_jobs;
  if (Array.isArray(subJobs)) {
    job.sub_jobs = subJobs.map((sub: unknown, i) => {
      if (isRecord(sub)) return readTextFields(sub, `sub_jobs[${i}].`, warnings);
      warnings.push(`sub_jobs[${i}] was ${describe(sub)}, not a sub-job object; shown as an empty row`);
      return {};
    });
  } else if (subJobs !== undefined) {
    // `sub_jobs: 0` is no list, and its text would not be one.
    delete job.sub_jobs;
    warnings.push(`sub_jobs was ${describe(subJobs)}, expected a list; left out`);
  }
  return { job, warnings };
}
