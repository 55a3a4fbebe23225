import { describe, expect, it } from 'vitest';
import { statusKind } from './status';

describe('statusKind', () => {
  it('matches the documented statuses case-insensitively', () => {
    expect(statusKind('success')).toBe('success');
    expect(statusKind('SUCCESS')).toBe('success');
    expect(statusKind('Failed')).toBe('failed');
    expect(statusKind('running')).toBe('running');
    expect(statusKind('waiting')).toBe('waiting');
  });

  it('maps the sibling APIs’ FAIL, INIT and DOING', () => {
    expect(statusKind('FAIL')).toBe('failed');
    expect(statusKind('INIT')).toBe('waiting');
    expect(statusKind('DOING')).toBe('running');
  });

  it('calls anything else unknown', () => {
    expect(statusKind('paused')).toBe('unknown');
    expect(statusKind('')).toBe('unknown');
    expect(statusKind(undefined)).toBe('unknown');
  });
});
