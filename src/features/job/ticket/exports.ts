// What the ticket buttons need only when clicked, as one chunk loaded on demand (decision 0006).
export { captureRegionPng, saveBlob } from '../../../lib/capture-png';
export { pngFileName } from '../../../lib/file-name';
export { ticketSummary } from './summary';
