import { describe, expect, it } from 'vitest';
import { jobIdProblem, normaliseProjectId, projectIdProblem } from './validation';

describe('lookup form validation', () => {
  it('accepts a 32-hex project ID, in either case', () => {
    expect(projectIdProblem('e9993fc787d94b6c886cbaa340f9c0f4')).toBeNull();
    expect(projectIdProblem(' E9993FC787D94B6C886CBAA340F9C0F4 ')).toBeNull();
    expect(normaliseProjectId(' E9993FC787D94B6C886CBAA340F9C0F4 ')).toBe(
      'e9993fc787d94b6c886cbaa340f9c0f4',
    );
  });

  it('says what is wrong with a project ID', () => {
    expect(projectIdProblem('')).toBe('Enter the project ID.');
    expect(projectIdProblem('e9993fc787d9')).toBe(
      'A project ID has 32 characters; this one has 12.',
    );
    expect(projectIdProblem('g9993fc787d94b6c886cbaa340f9c0f4')).toMatch(/0-9 and a-f/);
  });

  it('accepts both job ID shapes, including letters outside hex', () => {
    expect(jobIdProblem('26f6b565-xxxx-XXXX-xxxx-03f0bd975433')).toBeNull();
    expect(jobIdProblem('72362dxxxxa04d419dbd5e6d9fe5xxxx')).toBeNull();
  });

  it('says what is wrong with a job ID', () => {
    expect(jobIdProblem(' ')).toBe('Enter the job ID.');
    expect(jobIdProblem('a'.repeat(65))).toMatch(/at most 64/);
    expect(jobIdProblem('abc/def')).toMatch(/letters, digits and dashes/);
    expect(jobIdProblem('-abc')).toMatch(/starts and ends/);
    expect(jobIdProblem('<script>')).toMatch(/letters, digits and dashes/);
  });
});
