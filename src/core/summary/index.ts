// Public API of src/core/summary; re-exported from src/index.ts.
export { EventFileCorruptionError, SummaryError } from './errors.js';
export { eventFileName, isEventFileName } from './event-file.js';
export { DEFAULT_BUCKET_COUNT, histogramBuckets, type HistogramBucket } from './histogram.js';
export { imageToPng, pngSize, type ImageRange, type RawImage } from './image-encoding.js';
export { imageGridPixels, imageGridToPng, type ImageGridOptions } from './image-grid.js';
export type {
  EventMessage,
  SessionLogMessage,
  SummaryMetadataMessage,
  SummaryValueMessage,
  TensorMessage,
} from './proto/messages.js';
export { SessionStatus } from './proto/messages.js';
export { eventFiles, readEvents } from './read-events.js';
export { maskedCrc32c } from './record-format.js';
export { SummaryWriter, type SummaryWriterOptions } from './summary-writer.js';
