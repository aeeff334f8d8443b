/**
 * The base of every metric failure, so a caller can catch them all with one
 * `instanceof MetricError`; the subclasses say whether the features or the options were wrong.
 */
export class MetricError extends Error {
  override readonly name: string = 'MetricError';
}

/**
 * A feature matrix that a metric cannot use: a malformed shape, a value that is not finite, too
 * few rows for the estimate, or a column count that differs from the other set's. The message
 * names the matrix (`real features`, `fake features`).
 */
export class FeatureMatrixError extends MetricError {
  override readonly name: string = 'FeatureMatrixError';
}

/** A metric option out of its range (a subset size below 2, a neighbour count that is no count). */
export class MetricOptionError extends MetricError {
  override readonly name: string = 'MetricOptionError';
}

/**
 * Samples a feature extractor cannot read: a shape other than the one it takes (a 2-D point
 * set given to an image classifier, 64×64 images to a 28×28 one). The message names both shapes.
 */
export class SampleShapeError extends MetricError {
  override readonly name: string = 'SampleShapeError';
}

/** A feature extractor that cannot be loaded: a missing or malformed model file. */
export class FeatureExtractorError extends MetricError {
  override readonly name: string = 'FeatureExtractorError';
}
