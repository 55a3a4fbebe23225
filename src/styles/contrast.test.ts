import { describe, expect, it } from 'vitest';

// Vitest hands CSS imports (even `?raw`) over empty, so the stylesheet is read from disk; the
// module name is built so that the browser program's types (no Node types) stay untouched.
const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as {
  readFileSync(path: string, encoding: 'utf8'): string;
};
// Vitest runs from the repository root.
const css = fs.readFileSync('src/styles/index.css', 'utf8');

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function tokens(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );
}

/** The declarations of the first rule whose prelude is `selector` (no nested braces inside). */
function block(selector: string): string {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`${selector} not found in index.css`);
  return css.slice(start, css.indexOf('}', start));
}

const light = tokens(block('@theme'));
const dark = { ...light, ...tokens(block(":root:not([data-theme='light'])")) };

/** Text on background pairs the pages use (the status words sit on their soft colour and on panels). */
const PAIRS: [string, string][] = [
  ['ink', 'panel'],
  ['ink', 'surface'],
  ['ink-muted', 'panel'],
  ['ink-muted', 'surface'],
  ['accent', 'panel'],
  ['accent-ink', 'accent'],
  ['ink', 'status-failed-soft'],
  ['ink-muted', 'status-failed-soft'],
  ...(['success', 'failed', 'running', 'waiting', 'unknown'] as const).flatMap(
    (s): [string, string][] => [
      [`status-${s}`, `status-${s}-soft`],
      [`status-${s}`, 'panel'],
      [`status-${s}`, 'surface'],
    ],
  ),
];

describe('colour tokens meet WCAG AA (4.5:1) for text', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  for (const [scheme, palette] of [
    ['light (screen, print, PNG, ticket view)', light],
    ['dark (screen)', dark],
  ] as const) {
    it(`in the ${scheme} scheme`, () => {
      expect(Object.keys(palette).length).toBeGreaterThan(15);
      const failing = PAIRS.filter(([fg, bg]) => {
        const a = palette[fg];
        const b = palette[bg];
        if (!a || !b) throw new Error(`token missing: ${!a ? fg : bg}`);
        return contrast(a, b) < 4.5;
      }).map(
        ([fg, bg]) =>
          `${fg} on ${bg}: ${contrast(palette[fg] ?? '', palette[bg] ?? '').toFixed(2)}`,
      );
      expect(failing).toEqual([]);
    });
  }
});
