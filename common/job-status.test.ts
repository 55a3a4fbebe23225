import { describe, expect, it } from 'vitest';
import { isFinal, statusKind } from './job-status';

describe('statusKind', () => {
  // Found by the job page's property test: these reached Object.prototype.
  it('treats names of Object.prototype members as unknown statuses', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(statusKind(raw)).toBe('unknown');
  });

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
    // The server reads it from JSON it has not checked: any type may come.
    expect([7, null, {}, ['success']].map(statusKind)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('calls success and failed final, and nothing else', () => {
    expect(
      ['success', 'failed', 'running', 'waiting', 'unknown'].map((kind) =>
        isFinal(statusKind(kind)),
      ),
    ).toEqual([true, true, false, false, false]);
  });
});
