import { createLocalStore } from '../lib/local-store';
import type { ZoneChoice } from './time';

const zoneStore = createLocalStore<ZoneChoice>('sfs-turbo-jobs:zone', (raw) =>
  raw === 'local' ? 'local' : 'utc',
);
const setZone = (zone: ZoneChoice) => zoneStore.set(zone);

/** UTC unless the user chose the browser's zone; the choice is remembered across reloads. */
export function useZone(): [ZoneChoice, (zone: ZoneChoice) => void] {
  return [zoneStore.useValue('utc'), setZone];
}
