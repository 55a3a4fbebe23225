import { describe, expect, it } from 'vitest';
import { fittingTickLabels } from './tick-labels';

describe('fittingTickLabels (the board axis)', () => {
  const first = { pct: 0, label: '2026-12-05 03:34:28 UTC' };
  const last = { pct: 100, label: '06:04:28' };

  it('leaves out a label that would be drawn over the first one, and keeps one with room', () => {
    // The busy stretch 3 % in begins under the first label's date; the one at 60 % has room.
    const ticks = [first, { pct: 3, label: '05:33:34' }, { pct: 60, label: '05:40:00' }, last];
    expect(fittingTickLabels(ticks, 900)).toEqual([true, false, true, true]);
  });

  it('keeps no two labels overlapping, whatever their ticks and the width; the first always', () => {
    for (const width of [210, 500, 900, 1400]) {
      const ticks = [
        first,
        ...Array.from({ length: 12 }, (_, i) => ({ pct: 5 + i * 7.5, label: '05:33:34' })),
        last,
      ];
      const kept = fittingTickLabels(ticks, width);
      const spans = ticks
        .map((tick, i) => {
          const w = tick.label.length * 7.5;
          const at = (tick.pct / 100) * width;
          const from = i === 0 ? 0 : i === ticks.length - 1 ? width - w : at - w / 2;
          return { from, to: from + w, kept: kept[i] };
        })
        .filter((span) => span.kept);
      for (let i = 1; i < spans.length; i += 1)
        expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
      expect(kept[0]).toBe(true);
      // The end's time where it has room beside the first label.
      expect(kept.at(-1)).toBe(width >= 250);
    }
  });

  it('shows every label before the axis has been measured', () => {
    expect(fittingTickLabels([first, { pct: 3, label: 'x' }, last], 0)).toEqual([true, true, true]);
  });
});
