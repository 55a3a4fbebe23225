import { describe, expect, it } from 'vitest';
import { statusKind, statusText } from './status';

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
  });
});

describe('statusText (say what the API really said)', () => {
  it('shows the documented lower-case words as labels only', () => {
    expect(statusText('success')).toBe('Succeeded');
    expect(statusText('failed')).toBe('Failed');
    expect(statusText('running')).toBe('Running');
    expect(statusText('waiting')).toBe('Waiting');
  });

  it('puts any other form of a known status beside the label', () => {
    expect(statusText('SUCCESS')).toBe('Succeeded (SUCCESS)');
    expect(statusText('FAIL')).toBe('Failed (FAIL)');
    expect(statusText('DOING')).toBe('Running (DOING)');
    expect(statusText('INIT')).toBe('Waiting (INIT)');
    expect(statusText('Failed')).toBe('Failed (Failed)');
    expect(statusText(' running')).toBe('Running ( running)');
  });

  it('shows unknown values as they came', () => {
    expect(statusText('suspended')).toBe('suspended');
    expect(statusText('')).toBe('Empty status');
    expect(statusText(undefined)).toBe('No status');
  });
});
