import { JOB_ID_MAX_LENGTH, JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../../common/contract';

/** A message saying what is wrong with a project ID, or null when it is valid. */
export function projectIdProblem(value: string): string | null {
  const id = value.trim();
  if (id === '') return 'Enter the project ID.';
  if (/^[0-9A-F]{32}$/i.test(id) && !PROJECT_ID_PATTERN.test(id)) return null; // fixed by normalising case
  if (/[^0-9a-f]/i.test(id)) return 'A project ID has only the characters 0-9 and a-f.';
  if (id.length !== 32) return `A project ID has 32 characters; this one has ${id.length}.`;
  return null;
}

export function normaliseProjectId(value: string): string {
  return value.trim().toLowerCase();
}

export function jobIdProblem(value: string): string | null {
  const id = value.trim();
  if (id === '') return 'Enter the job ID.';
  if (id.length > JOB_ID_MAX_LENGTH)
    return `A job ID has at most ${JOB_ID_MAX_LENGTH} characters; this one has ${id.length}.`;
  if (!JOB_ID_PATTERN.test(id)) {
    return 'A job ID has only letters, digits and dashes, and starts and ends with a letter or digit.';
  }
  return null;
}
