import * as v from 'valibot';

// Every field is an optional string, as all four official SDKs declare them. Objects are
// loose so that fields a newer API version adds are kept rather than stripped.

/** valibot takes a list for an object; a JSON object only is a job or a sub-job here. */
const record = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'Invalid type: Expected Object',
);

const text = v.optional(v.string());

const subJobEntries = {
  status: text,
  job_id: text,
  job_type: text,
  begin_time: text,
  end_time: text,
  error_code: text,
  fail_reason: text,
};

export const SubJobSchema = v.pipe(record, v.looseObject(subJobEntries));

/** A ShowJobDetail body. */
export const JobSchema = v.pipe(
  record,
  v.looseObject({ ...subJobEntries, sub_jobs: v.optional(v.array(SubJobSchema)) }),
);

export type SubJob = v.InferOutput<typeof SubJobSchema>;
export type Job = v.InferOutput<typeof JobSchema>;

export interface ParsedJob {
  job: Job;
  /** What did not fit the contract and how it was treated; shown on the page. */
  warnings: string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

type Issue = v.InferIssue<typeof JobSchema>;

/**
 * The repair of one value the schema refused, where that is honest (a number shown as text)
 * else its removal (`undefined`), and the warning that says so. `label` names the value.
 */
function repair(
  issue: Issue,
  label: string,
  refused: 'text' | 'list' | 'sub-job',
): { value: unknown; warning: string } {
  const value = issue.input;
  if (refused === 'sub-job') {
    return {
      value: {},
      warning: `${label} was ${describe(value)}, not a sub-job object; shown as an empty row`,
    };
  }
  if (refused === 'list') {
    // `sub_jobs: 0` is no list, and its text would not be one.
    return {
      value: undefined,
      warning: `${label} was ${describe(value)}, expected a list; left out`,
    };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return {
      value: String(value),
      warning: `${label} was ${describe(value)} (${String(value)}), shown as text`,
    };
  }
  return { value: undefined, warning: `${label} was ${describe(value)}, expected text; left out` };
}

/**
 * Validates a ShowJobDetail body against `JobSchema`. A body that is not an object yields
 * `null` (the caller reports an unexpected response). Each value the schema refuses is
 * repaired where that is honest (a number shown as text) or dropped, and every such repair
 * becomes a warning, so the page shows what it can and flags the rest.
 */
export function parseJobBody(body: unknown): ParsedJob | null {
  const first = v.safeParse(JobSchema, body);
  if (first.success) return { job: first.output, warnings: [] };

  const warnings: string[] = [];
  // Copies of the body, and of the sub-jobs the repairs touch, so the input is left as it came.
  const fixed: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  let subJobs: unknown[] | undefined;
  const copies = new Set<number>();
  for (const issue of first.issues) {
    const keys = (issue.path ?? []).map((item) => item.key);
    // The body itself is no object: nothing to repair.
    if (keys.length === 0) return null;
    const [field, index, subField] = keys;
    let holder: Record<string, unknown> = fixed;
    let key = String(field);
    let label = key;
    if (typeof index === 'number') {
      subJobs ??= [...(fixed.sub_jobs as unknown[])];
      fixed.sub_jobs = subJobs;
      label = `sub_jobs[${index}]`;
      if (subField === undefined) {
        holder = subJobs as unknown as Record<string, unknown>;
        key = String(index);
      } else {
        if (!copies.has(index)) {
          subJobs[index] = { ...(subJobs[index] as Record<string, unknown>) };
          copies.add(index);
        }
        holder = subJobs[index] as Record<string, unknown>;
        key = String(subField);
        label = `${label}.${key}`;
      }
    }
    const refused =
      typeof index === 'number'
        ? subField === undefined
          ? 'sub-job'
          : 'text'
        : field === 'sub_jobs'
          ? 'list'
          : 'text';
    const { value, warning } = repair(issue, label, refused);
    if (value === undefined) delete holder[key];
    else holder[key] = value;
    warnings.push(warning);
  }
  const second = v.safeParse(JobSchema, fixed);
  return second.success ? { job: second.output, warnings } : null;
}
