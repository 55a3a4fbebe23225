/** The board axis's tick labels are 12 px sans-serif: wider than this per character they are not. */
const LABEL_CHAR_PX = 7.5;
/** Room kept between two labels. */
const LABEL_GAP_PX = 8;

/**
 * Which of the board axis's tick labels fit side by side on an axis `widthPx` wide: the first
 * (left-aligned at 0, with the date and zone) always; the last (right-aligned at the end) unless
 * it would overlap the first; each other one (centred on its tick) only where it overlaps
 * neither a label already kept nor the last. Where busy
 * stretches begin close together (a cut axis), their times would otherwise be drawn over each
 * other and over the first label's date. Unmeasured (`widthPx` 0): every label.
 */
export function fittingTickLabels(
  ticks: readonly { pct: number; label: string }[],
  widthPx: number,
): boolean[] {
  if (widthPx <= 0) return ticks.map(() => true);
  const width = (label: string) => label.length * LABEL_CHAR_PX;
  const lastIndex = ticks.length - 1;
  const last = ticks[lastIndex];
  const lastFrom = last ? widthPx - width(last.label) : widthPx;
  let keptTo = ticks[0] ? width(ticks[0].label) : 0;
  return ticks.map((tick, index) => {
    if (index === 0) return true;
    if (index === lastIndex) return lastFrom >= width(ticks[0]?.label ?? '') + LABEL_GAP_PX;
    const centre = (tick.pct / 100) * widthPx;
    const from = centre - width(tick.label) / 2;
    const to = centre + width(tick.label) / 2;
    if (from < keptTo + LABEL_GAP_PX || to > lastFrom - LABEL_GAP_PX) return false;
    keptTo = to;
    return true;
  });
}
