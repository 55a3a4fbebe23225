/**
 * Asks a virtualised timeline to draw every row now: the PNG capture sends it before it clones
 * the page, so a half-drawn large job is not cut short.
 */
export const DRAW_ALL_ROWS_EVENT = 'sfs-turbo:draw-all-rows';
/** The capture is over: a virtualised timeline may go back to drawing the rows on screen. */
export const DRAW_ALL_ROWS_DONE_EVENT = 'sfs-turbo:draw-all-rows-done';
