export { dcgan, type DcganOptions } from './dcgan.js';
export { scoped, type GanModels } from './gan-models.js';
export { mlpGan, type MlpGanOptions } from './mlp.js';
