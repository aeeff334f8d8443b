export { createDataset, type CreateDatasetOptions } from './create-dataset.js';
export { DatasetError, type Dataset, type DatasetState } from './dataset.js';
export { GaussianMixtureDataset, grid25, ring8 } from './gaussian-mixture.js';
export { idxImages } from './idx-file.js';
export { InMemoryDataset } from './in-memory-dataset.js';
export { imageFolder, type ImageFolderOptions } from './image-folder.js';
export { loadMnistDigits, mnist, type MnistDigits } from './mnist.js';
export { assessModeCoverage, type ModeCoverage } from './mode-coverage.js';
export {
  byteSampleTable,
  floatSampleTable,
  ShuffledSampleDataset,
  type SampleTable,
} from './shuffled-samples.js';
export {
  datasetCatalog,
  datasetEntryFor,
  PATH_DATASET,
  type DatasetContext,
  type DatasetName,
} from './catalog.js';
