// What the ticket buttons need only when clicked, as one chunk loaded on demand (decision 0006).
export { captureRegionPng, saveBlob } from '../../../job/capture-png';
export { pngFileName } from '../../../job/file-name';
export { ticketSummary } from './summary';
export { historyFor } from '../../../job/memory-queries';
