import * as z from 'zod/mini';

// Every field is an optional string, as all four official SDKs declare them. Objects are
// loose so that fields a newer API version adds are kept rather than stripped.
// zod/mini rather than classic zod: the same schemas, tree-shakable, about 17 kB less on the
// job page's first load (docs/decisions/0006-first-load-budget.md).
const text = z.optional(z.string());

export const subJobSchema = z.looseObject({
  status: text,
  job_id: text,
  job_type: text,
  begin_time: text,
  end_time: text,
  error_code: text,
  fail_reason: text,
});

export const jobSchema = z.extend(subJobSchema, {
  sub_jobs: z.optional(z.array(subJobSchema)),
});

export type SubJob = z.infer<typeof subJobSchema>;
export type Job = z.infer<typeof jobSchema>;

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

function pathLabel(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

/**
 * Validates a ShowJobDetail body. A body that is not an object yields `null` (the caller
 * reports an unexpected response). Fields of the wrong type are salvaged where that is
 * honest (a number shown as text) or dropped, and every such repair becomes a warning, so the
 * page shows what it can and flags the rest.
 */
export function parseJobBody(body: unknown): ParsedJob | null {
  if (!isRecord(body)) return null;
  const first = jobSchema.safeParse(body);
  if (first.success) return { job: first.data, warnings: [] };

  const repaired: Record<string, unknown> = structuredClone(body);
  const warnings: string[] = [];
  for (const issue of first.error.issues) {
    const path = issue.path;
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    let parent: unknown = repaired;
    for (const part of parentPath) {
      parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<PropertyKey, unknown>)[part] : undefined;
    }
    if (key === undefined || !(isRecord(parent) || Array.isArray(parent))) continue;
    const container = parent as Record<PropertyKey, unknown>;
    const value = container[key];
    const label = pathLabel(path);
    // Only a text field takes a number as text; `sub_jobs: 0` is no list.
    const wantsText = !('expected' in issue) || issue.expected !== 'array';
    // A list entry first: `true` in sub_jobs is not a sub-job, and its text would not be one.
    if (Array.isArray(container) && typeof key === 'number') {
      container[key] = {};
      warnings.push(`${label} was ${describe(value)}, not a sub-job object; shown as an empty row`);
    } else if (wantsText && (typeof value === 'number' || typeof value === 'boolean')) {
      container[key] = String(value);
      warnings.push(`${label} was ${describe(value)} (${String(value)}), shown as text`);
    } else {
      delete container[key];
      warnings.push(`${label} was ${describe(value)}, expected ${wantsText ? 'text' : 'a list'}; left out`);
    }
  }
  const second = jobSchema.safeParse(repaired);
  if (!second.success) return null;
  return { job: second.data, warnings };
}
