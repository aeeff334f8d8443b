import * as tf from '../tf.js';
import type { NativeKernelBackend } from './native-kernel-backend.js';
import type { RecordedGraph } from './trace-recorder.js';

let registered = 0;

/**
 * A recorded update registered in TensorFlow's eager context as one function, and the call that
 * runs it: the arguments and the variables it reads go in; the result's tensors
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
      source.kind === 'argument' ? args[source.index] : source.variable,
    );
    if (fed.some((tensor) => tensor === undefined))
      throw new Error(`${this.name}: called with fewer arguments than it was traced with`);
    const ids = this.#backend.getInputTensorIds(fed as tf.Tensor[]);
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

  /** Removes the function from TensorFlow's context. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#backend.binding.removeFunction(this.name);
  }
}
