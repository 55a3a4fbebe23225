import { createLocalStore } from '../../../lib/local-store';

export type Density = 'comfortable' | 'compact';
export type DensityChoice = Density | 'auto';

/** From this many sub-jobs a job opens in compact rows (one line each), unless chosen otherwise. */
export const COMPACT_FROM = 100;
/** From this many sub-jobs the timeline offers filters, the density switch and the overview. */
export const LARGE_FROM = 20;

const store = createLocalStore<DensityChoice>('sfs-turbo-jobs:timeline-density', (raw) =>
  raw === 'compact' || raw === 'comfortable' ? raw : 'auto',
);

/** The density a job of `subJobCount` sub-jobs is drawn in. */
export function densityFor(choice: DensityChoice, subJobCount: number): Density {
  if (choice !== 'auto') return choice;
  return subJobCount >= COMPACT_FROM ? 'compact' : 'comfortable';
}

/** The remembered choice (every tab, every job): `auto` until the user picks one. */
export function useDensityChoice(): [DensityChoice, (choice: Density) => void] {
  return [store.useValue('auto'), store.set];
}
