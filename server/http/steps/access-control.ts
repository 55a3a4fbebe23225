import type { Step } from '../context.ts';

/**
 * The slot sign-in takes (issue 13): it may set `ctx.user`, answer 401/403 itself, or pass.
 * Health and metrics come before it; pages, assets and the API after it. For now: no sign-in.
 */
export const accessControl: Step = (_req, _res, _ctx, next) => next();
