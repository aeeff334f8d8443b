/**
 * Where the time of one compiled call goes (the `compiled` case's second table). The step is
 * recorded with gantry's tracer, and beside it an identity function of the same inputs and
 * outputs is registered (each output an Identity of an input; each variable's new value its
 * own old one), so that:
 *
 * - the binding's `executeOp` of the real function, handles prepared, is TFE_Execute (and the
 *   N-API call around it); of the identity function, what any call of that arity costs;
 * - `TracedFunction.call` of the identity function minus its `executeOp` right after is the
 *   JavaScript side of a call (input handles looked up, output tensors made, variables
 *   assigned), measured without the real function's run-to-run spread;
 * - the loss's `dataSync` after the call is the host read.
 *
 * Each is timed on calls of its own; the whole call is `CompiledFunction.call` plus the read.
 */
import {
  CompiledFunction,
  type NamedTensors,
} from '../../src/core/backend/tensorflow-trace/index.js';
import {
  nativeKernelBackend,
  type GraphNode,
  type NativeKernelBackend,
} from '../../src/core/backend/tensorflow-trace/native-kernel-backend.js';
import {
  TraceRecorder,
  type RecordedGraph,
} from '../../src/core/backend/tensorflow-trace/trace-recorder.js';
import { TracedFunction } from '../../src/core/backend/tensorflow-trace/traced-function.js';
import * as tf from '../../src/core/backend/tf.js';
import { silentLogger } from '../../src/core/logger.js';
import { median, type TimingOptions } from '../timing.js';

/** Median milliseconds of each layer of one compiled call, and the function's arity. */
export interface CallBreakdown {
  /** Placeholders fed per call: arguments, variables read, constants. */
  inputs: number;
  /** Tensors returned per call: the result's, then each assigned variable's new value. */
  outputs: number;
  /** `CompiledFunction.call` and the loss's `dataSync`: what a training step pays. */
  wholeMs: number;
  /** The binding's `executeOp` of the function, handles prepared: TFE_Execute and N-API. */
  executeMs: number;
  /** The same for the identity function of as many inputs and outputs. */
  identityExecuteMs: number;
  /** The identity function's `TracedFunction.call` minus its `executeOp` just after (median). */
  javascriptMs: number;
  /** The loss's `dataSync` after the call. */
  lossReadMs: number;
  /** What the layers leave of the whole: the version lookup, and the layers' spread. */
  restMs: number;
}

/** The step to break down: fresh arguments per call (the caller's to free), and its body. */
export interface BreakdownStep {
  label: string;
  args: () => tf.Tensor[];
  body: (...args: tf.Tensor[]) => NamedTensors;
}

type Layer = 'whole' | 'read' | 'execute' | 'identity' | 'javascript';

/**
 * Times the layers of one compiled call of `step`, each over `timing.repeats` calls after
 * `timing.warmup` untimed ones. The step must already have made its variables (slots): its
 * recording runs it once more, eagerly.
 *
 * @param step - the step, its arguments and its label.
 * @param timing - warm-up and timed calls per layer.
 * @returns the medians.
 * @throws Error when the step cannot be traced, or when the layers leave tensors behind.
 */
export function breakDownCompiledCall(step: BreakdownStep, timing: TimingOptions): CallBreakdown {
  const backend = nativeKernelBackend();
  const before = tf.memory().numTensors;
  const { graph, names } = recordStep(backend, step);
  const outputs = graph.outputs.length / 2;
  const real = new TracedFunction(backend, graph, names.length, `${step.label}_real`);
  const identity = new TracedFunction(
    backend,
    identityOf(backend, graph, names.length),
    names.length,
    `${step.label}_identity`,
  );
  const compiled = new CompiledFunction(step.body, { name: step.label, logger: silentLogger });
  const feed = feedOf(backend, graph, step.args());
  const samples: Record<Layer, number[]> = {
    whole: [],
    read: [],
    execute: [],
    identity: [],
    javascript: [],
  };
  try {
    // The first call traces.
    const first = step.args();
    tf.dispose([...first, ...Object.values(compiled.call(first))]);
    for (let i = 0; i < timing.warmup + timing.repeats; i++) {
      const args = step.args();
      const [whole, result] = timeOnce(() => compiled.call(args));
      const [read] = timeOnce(() => result['loss']?.dataSync());
      tf.dispose([...args, ...Object.values(result)]);
      const execute = executeAndFree(backend, real.name, feed.ids(), outputs);
      // Back to back, so that their difference is one call's JavaScript side.
      const identityArgs = step.args();
      const [identityCall, echoed] = timeOnce(() => identity.call(identityArgs, names, () => true));
      tf.dispose([...identityArgs, ...Object.values(echoed)]);
      const identityExecute = executeAndFree(backend, identity.name, feed.ids(), outputs);
      if (i < timing.warmup) continue;
      samples.whole.push(whole + read);
      samples.read.push(read);
      samples.execute.push(execute);
      samples.identity.push(identityExecute);
      samples.javascript.push(identityCall - identityExecute);
    }
  } finally {
    compiled.dispose();
    real.dispose();
    identity.dispose();
    feed.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`the ${step.label} call breakdown left ${leaked} tensors`);
  return summarise(samples, graph.inputs.length, outputs);
}

function summarise(samples: Record<Layer, number[]>, inputs: number, outputs: number) {
  const m = Object.fromEntries(
    Object.entries(samples).map(([layer, values]) => [layer, median(values)]),
  ) as Record<Layer, number>;
  return {
    inputs,
    outputs,
    wholeMs: m.whole,
    executeMs: m.execute,
    identityExecuteMs: m.identity,
    javascriptMs: m.javascript,
    lossReadMs: m.read,
    restMs: m.whole - m.execute - m.javascript - m.read,
  };
}

function recordStep(
  backend: NativeKernelBackend,
  step: BreakdownStep,
): { graph: RecordedGraph; names: string[] } {
  const args = step.args();
  const recorder = new TraceRecorder(backend, args);
  const result = recorder.record(() => step.body(...args));
  const names = Object.keys(result);
  const graph = recorder.finish(names.map((name) => result[name] as tf.Tensor));
  tf.dispose([...args, ...Object.values(result)]);
  if (graph === undefined)
    throw new Error(`${step.label}: cannot trace the step (${recorder.failure ?? 'unknown'})`);
  return { graph, names };
}

/**
 * The graph's inputs and outputs with nothing between: the result's outputs are Identities of
 * the inputs in turn, each assigned variable's new value the Identity of its own Placeholder
 * (so the assignment keeps its shape and value).
 */
function identityOf(
  backend: NativeKernelBackend,
  graph: RecordedGraph,
  resultCount: number,
): RecordedGraph {
  const nodes: GraphNode[] = graph.inputs.map(({ node }) => graph.nodes[node] as GraphNode);
  const identityOfInput = (input: number): number[] => {
    const dtype = nodes[input]?.attrs.find((attr) => attr.name === 'dtype')?.value ?? 0;
    nodes.push({
      op: 'Identity',
      attrs: [{ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: dtype }],
      inputs: [input, 0],
    });
    return [nodes.length - 1, 0];
  };
  const outputs: number[] = [];
  for (let i = 0; i < resultCount; i++) outputs.push(...identityOfInput(i % graph.inputs.length));
  for (const variable of graph.updates) {
    const input = graph.inputs.findIndex(
      ({ source }) => source.kind === 'variable' && source.variable === variable,
    );
    if (input < 0) throw new Error(`the step assigns ${variable.name} without reading it`);
    outputs.push(...identityOfInput(input));
  }
  return {
    nodes,
    inputs: graph.inputs.map(({ source }, node) => ({ node, source })),
    outputs,
    updates: graph.updates,
  };
}

/** Handle ids for the graph's Placeholders: one fixed set of arguments and the variables. */
function feedOf(
  backend: NativeKernelBackend,
  graph: RecordedGraph,
  args: readonly tf.Tensor[],
): { ids: () => number[]; dispose: () => void } {
  const ids = graph.inputs.map(({ source }) => {
    const tensor = source.kind === 'variable' ? source.variable : args[source.index];
    if (tensor === undefined)
      throw new Error('the step gave fewer arguments than it was traced with');
    // A variable's handle changes when it is assigned, so it is looked up at each call.
    return () => backend.getInputTensorIds([tensor])[0] ?? -1;
  });
  return {
    ids: () => ids.map((id) => id()),
    dispose: () => tf.dispose([...args]),
  };
}

function executeAndFree(
  backend: NativeKernelBackend,
  name: string,
  ids: number[],
  outputs: number,
): number {
  const start = performance.now();
  const infos = backend.binding.executeOp(name, [], ids, outputs);
  const ms = performance.now() - start;
  for (const info of infos) backend.binding.deleteTensor(info.id);
  return ms;
}

function timeOnce<T>(call: () => T): [number, T] {
  const start = performance.now();
  const result = call();
  return [performance.now() - start, result];
}
