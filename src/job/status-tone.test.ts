import { describe, expect, it } from 'vitest';
import type { StatusKind } from '../../common/job-status';
import { statusTone } from './status-tone';

const KINDS: StatusKind[] = ['success', 'failed', 'running', 'waiting', 'unknown'];

describe('statusTone', () => {
  it('gives every status its own colour in every look', () => {
    for (const look of ['chip', 'text', 'fill', 'bar'] as const) {
      const classes = KINDS.map((kind) => statusTone({ look, kind }));
      for (const [index, kind] of KINDS.entries())
        expect(classes[index]).toContain(`status-${kind}`);
      expect(new Set(classes).size).toBe(KINDS.length);
    }
  });

  it('keeps the soft background with the strong text for a chip', () => {
    expect(statusTone({ look: 'chip', kind: 'failed' })).toBe(
      'bg-status-failed-soft text-status-failed',
    );
  });
});
