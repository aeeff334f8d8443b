import * as tf from '../tf.js';
import type { NativeKernelBackend } from './native-kernel-backend.js';
import type { RecordedGraph } from './trace-recorder.js';

let registered = 0;

/**
 * A recorded update registered in TensorFlow's eager context as one function, and the call that
 * runs it: the arguments, the variables it reads and its constants go in; the result's tensors
 * come out, and the variables it assigned take their new values. One `executeOp` per call.
 */
export class TracedFunction {
  /** The function's name in TensorFlow's eager context. */
  readonly name: string;
  /** How many ops the function holds (Placeholders included). */
  readonly size: number;
  readonly #backend: NativeKernelBackend;
  readonly #graph: RecordedGraph;
  readonly #resultCount: number;
  /** One handle per constant argument, owned by this function; -1 for the others. */
  readonly #constants: number[];
  #disposed = false;

  /**
   * Registers the recorded graph.
   *
   * @param backend - the tfjs-node backend the graph was recorded on.
   * @param graph - from `TraceRecorder.finish`.
   * @param resultCount - how many of the outputs are the result's (the rest are updates).
   * @param label - a readable part of the function's name.
   * @param xla - whether TensorFlow compiles the function with XLA (`_XlaMustCompile`).
   */
  constructor(
    backend: NativeKernelBackend,
    graph: RecordedGraph,
    resultCount: number,
    label: string,
    xla = false,
  ) {
    this.#backend = backend;
    this.#graph = graph;
    this.#resultCount = resultCount;
    registered += 1;
    this.name = `gantry_${label.replace(/[^A-Za-z0-9_]/g, '_')}_${registered}`;
    this.size = graph.nodes.length;
    backend.binding.registerFunction(
      this.name,
      graph.nodes,
      graph.inputs.flatMap((input) => [input.node, 0]),
      graph.outputs,
      xla,
    );
    this.#constants = graph.inputs.map(({ source }) =>
      source.kind === 'constant'
        ? backend.binding.createTensor(source.shape, source.dtype, source.values)
        : -1,
    );
  }

  /** Whether every variable the function reads or assigns still exists. */
  get usable(): boolean {
    return (
      !this.#disposed &&
      this.#graph.inputs.every(
        ({ source }) => source.kind !== 'variable' || !source.variable.isDisposed,
      ) &&
      this.#graph.updates.every((variable) => !variable.isDisposed)
    );
  }

  /**
   * Runs the function once.
   *
   * @param args - the arguments, of the shapes and dtypes it was traced with.
   * @param names - the names of the result's tensors, in order.
   * @param accept - whether the variables take their new values, decided from the result.
   * @returns the result's tensors by name; the caller owns them. When accepted, the assigned
   *   variables hold their new values.
   */
  call(
    args: readonly tf.Tensor[],
    names: readonly string[],
    accept: (result: Record<string, tf.Tensor>) => boolean,
  ): Record<string, tf.Tensor> {
    const { binding } = this.#backend;
    const fed = this.#graph.inputs.map(({ source }) =>
      source.kind === 'argument'
        ? args[source.index]
        : source.kind === 'variable'
          ? source.variable
          : undefined,
    );
    const present = fed.filter((t): t is tf.Tensor => t !== undefined);
    const presentIds = this.#backend.getInputTensorIds(present);
    let next = 0;
    const ids = fed.map((t, i) =>
      t === undefined ? (this.#constants[i] ?? -1) : (presentIds[next++] ?? -1),
    );
    const infos = binding.executeOp(this.name, [], ids, this.#graph.outputs.length / 2);
    const tensors = infos.map((info) => this.#backend.createOutputTensor(info));
    const result = Object.fromEntries(names.map((name, i) => [name, tensors[i] as tf.Tensor]));
    const accepted = accept(result);
    this.#graph.updates.forEach((variable, i) => {
      const value = tensors[this.#resultCount + i];
      if (value === undefined) return;
      if (accepted) variable.assign(value);
      value.dispose();
    });
    return result;
  }

  /** Removes the function from TensorFlow's context and frees its constants. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const { binding } = this.#backend;
    binding.removeFunction(this.name);
    for (const id of this.#constants) if (id >= 0) binding.deleteTensor(id);
  }
}
