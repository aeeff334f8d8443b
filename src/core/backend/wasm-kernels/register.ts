/**
 * Registers gantry's training kernels on the wasm backend. Idempotent.
 */
export function registerWasmTrainingKernels(): void {
  // Filled in by the wasm training kernels (see issue 2).
}
