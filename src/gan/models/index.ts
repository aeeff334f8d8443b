export { dcgan, type DcganOptions } from './dcgan.js';
export { scoped, type GanModels } from './gan-models.js';
export { mlpGan, type MlpGanOptions } from './mlp.js';
export { initialisationOf, type Initialisation } from './initialisation.js';
export { seededKernel } from './seeded-initializers.js';
export { topologyOf } from './topology.js';
export { modelCatalog, type ModelContext, type ModelName } from './catalog.js';
