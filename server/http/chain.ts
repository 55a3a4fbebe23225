import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Next, RequestContext, Step } from './context.ts';

/**
 * Runs the steps in order: each one answers, or calls `next` to hand the request on. After
 * the last step, `last` runs (Vite's own middleware in dev; a 404 in production).
 */
export function chain<Context extends RequestContext = RequestContext>(
  steps: readonly Step<Context>[],
) {
  return (req: IncomingMessage, res: ServerResponse, ctx: Context, last: Next): Promise<void> => {
    const run = (index: number): Promise<void> => {
      const step = steps[index];
      return step ? step(req, res, ctx, () => run(index + 1)) : last();
    };
    return run(0);
  };
}
