// The inline script's entry (vite.config.ts, `firstStatus`): src/first-status.ts, started.
import { startFirstStatus } from './first-status';

startFirstStatus();
