/** An `ExponentialMovingAverage` was misused; the message names the variable or argument. */
export class MovingAverageError extends Error {
  override readonly name = 'MovingAverageError';
}
