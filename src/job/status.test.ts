import { describe, expect, it } from 'vitest';
import { statusText } from './status';

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
