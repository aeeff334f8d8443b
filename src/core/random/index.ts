export { deriveSeed } from './derive-seed.js';
export { SeededRandom, type SeededRandomState } from './seeded-random.js';
