import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { forEachRowProduct } from './row-products.js';

/**
 * `Tr((A B)^½)` for symmetric positive semi-definite `A` and `B`, the hard part of the
 * Fréchet distance, through two symmetric eigendecompositions rather than a general matrix
 * square root. With `A = V Λ Vᵀ` and `U = Λ^½ Vᵀ`, `A B` is similar to `C = U B Uᵀ`, which is
 * symmetric positive semi-definite, so `(A B)^½` has the square roots of `C`'s eigenvalues as
 * eigenvalues and the trace is their sum. Eigenvalues too small to tell from 0 (rounding
 * leaves them slightly negative or positive) are taken as 0, so a singular `A` or `B`
 * (rank-deficient covariance) gives a finite, correct value where `scipy.linalg.sqrtm(A @ B)`
 * warns and loses digits.
 *
 * @example
 * ```ts
 * // diag(4, 9) · diag(1, 4) = diag(4, 36), whose square root has trace 2 + 6.
 * traceSqrtProduct(Float64Array.of(4, 0, 0, 9), Float64Array.of(1, 0, 0, 4), 2); // 8
 * ```
 *
 * @param a - an `n × n` symmetric positive semi-definite matrix, row-major.
 * @param b - another, row-major.
 * @param n - their order.
 * @returns the trace of the principal square root of `a b`.
 */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, n: number): number {
  const eigenA = symmetricEigen(a, n);
  const roots = resolvedSquareRoots(eigenA.realEigenvalues);
  const vectors = eigenA.eigenvectorMatrix;
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) u[i * n + k] = roots[i] * vectors.get(k, i);
  }
  // (U B)ᵢⱼ = Uᵢ · Bⱼ, row by row, because B is symmetric; C = (U B) Uᵀ is row products too.
  const ub = new Float64Array(n * n);
  forEachRowProduct(u, n, b, n, n, (i, j, dot) => (ub[i * n + j] = dot));
  const c = new Float64Array(n * n);
  // C is symmetric: one triangle, mirrored, is the exactly symmetric matrix the solver expects.
  forEachRowProduct(ub, n, u, n, n, (i, j, dot) => (c[i * n + j] = c[j * n + i] = dot), 'upper');
  return resolvedSquareRoots(symmetricEigen(c, n).realEigenvalues).reduce((sum, r) => sum + r, 0);
}

function symmetricEigen(matrix: Float64Array, n: number): EigenvalueDecomposition {
  return new EigenvalueDecomposition(Matrix.from1DArray(n, n, matrix), { assumeSymmetric: true });
}

/**
 * Square roots of a symmetric matrix's eigenvalues, with those the solver cannot tell from 0
 * (below `n · ε · max|λ|`, its rounding error) taken as 0. A null eigenvalue comes back as
 * rounding noise of either sign, and its square root would turn noise of 1e-16 into an error
 * of 1e-8; for a singular covariance 0 is the exact value.
 */
function resolvedSquareRoots(eigenvalues: number[]): number[] {
  const largest = eigenvalues.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  const resolution = eigenvalues.length * Number.EPSILON * largest;
  return eigenvalues.map((value) => (value > resolution ? Math.sqrt(value) : 0));
}
