import { describe, expect, it } from 'vitest';
import { isJobIds } from './contract';

describe('isJobIds', () => {
  const ids = {
    region: 'eu-de',
    projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20',
    jobId: '7c0e2a8e-1111-4f00-9a00-000000000001',
  };

  it('takes three well-formed IDs, whatever else the object holds', () => {
    expect(isJobIds(ids)).toBe(true);
    expect(isJobIds({ ...ids, seenAt: 1, status: 'running' })).toBe(true);
  });

  it('refuses a malformed, missing or mistyped ID, and anything not an object', () => {
    for (const bad of [
      { ...ids, region: 'EU-DE' },
      { ...ids, projectId: ids.projectId.toUpperCase() },
      { ...ids, jobId: '<img src=x>' },
      { ...ids, jobId: 'a'.repeat(65) },
      { region: ids.region, projectId: ids.projectId },
      { ...ids, jobId: 42 },
      null,
      'eu-de',
      [ids.region, ids.projectId, ids.jobId],
    ])
      expect(isJobIds(bad)).toBe(false);
  });
});
