import * as tf from '../tf.js';
import type {
  FunctionBinding,
  GraphNode,
  NativeKernelBackend,
  OutputInfo,
} from './native-kernel-backend.js';

/** Where a function argument's value comes from at each call. */
export type TraceInput =
  | { readonly kind: 'argument'; readonly index: number }
  | { readonly kind: 'variable'; readonly variable: tf.Variable };

/** One recorded update: the ops, their arguments, and what the function returns. */
export interface RecordedGraph {
  readonly nodes: GraphNode[];
  /** One per Placeholder, in argument order, with the Placeholder's node index. */
  readonly inputs: readonly { readonly node: number; readonly source: TraceInput }[];
  /** Flat pairs `[node, output]`: first the result's tensors, then the variables' new values. */
  readonly outputs: number[];
  /** The variables the update assigned, each to the output after the result's. */
  readonly updates: readonly tf.Variable[];
}

/** How a handle id entered the graph: a node's output, with its dtype and shape. */
interface Source {
  node: number;
  output: number;
  dtype: number;
  shape: readonly number[];
}

/**
 * Records the ops one eager run of a function executes on tfjs-node, by standing in for the
 * backend's binding while it runs: every `executeOp` becomes a node whose inputs are the nodes
 * that made its input handles. A handle the run did not make becomes a Placeholder — a declared
 * argument, or a variable (fed its value at each call) — or, when the run made it from
 * JavaScript values (scalars, shape vectors, `ones(shape)` in gradients), a Const holding those
 * values, which TensorFlow's graph optimizer can fold. Anything else — a tensor from outside
 * that is neither, a read back to JavaScript, a float tensor of more than one value made from
 * JavaScript whose values differ (a random draw or data, which must be an argument), a string
 * tensor made inside, a variable created — makes the recording fail with the reason; the eager
 * run itself goes on unaffected.
 */
export class TraceRecorder {
  readonly #backend: NativeKernelBackend;
  readonly #binding: FunctionBinding;
  readonly #nodes: GraphNode[] = [];
  readonly #inputs: { node: number; source: TraceInput }[] = [];
  readonly #sources = new Map<number, Source>();
  readonly #variables = new Map<number, tf.Variable>();
  readonly #variablesAtStart = new Map<tf.Variable, object>();
  readonly #hostValues = new WeakSet<object>();
  #failure: string | undefined;

  /**
   * @param backend - the tfjs-node backend whose binding is recorded.
   * @param args - the function's declared arguments, in order.
   */
  constructor(backend: NativeKernelBackend, args: readonly tf.Tensor[]) {
    this.#backend = backend;
    this.#binding = backend.binding;
    const variables = Object.values(tf.engine().registeredVariables);
    const ids = backend.getInputTensorIds([...args, ...variables]);
    args.forEach((arg, index) => {
      const id = ids[index] ?? -1;
      if (!this.#sources.has(id))
        this.#placeholder(id, this.#dtypeOf(arg), arg.shape, { kind: 'argument', index });
    });
    variables.forEach((variable, i) => {
      this.#variables.set(ids[args.length + i] ?? -1, variable);
      this.#variablesAtStart.set(variable, variable.dataId);
    });
  }

  /** Why the recording cannot become a function, once something made it fail. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /**
   * Runs `body` with the backend's binding replaced by the recording one.
   *
   * @param body - the eager run to record.
   * @returns what `body` returns.
   */
  record<T>(body: () => T): T {
    const backend = this.#backend;
    const move = backend.move;
    backend.binding = this.#recordingBinding();
    backend.move = (dataId, values, shape, dtype, refCount) => {
      if (typeof values === 'object' && values !== null) this.#hostValues.add(values);
      move.call(backend, dataId, values, shape, dtype, refCount);
    };
    try {
      return body();
    } finally {
      backend.binding = this.#binding;
      backend.move = move;
    }
  }

  /**
   * The recorded graph, with `result` (the run's returned tensors, in order) as the first
   * outputs and every variable the run assigned after them.
   *
   * @param result - the tensors the function returned.
   * @returns the graph, or `undefined` when the recording failed (see {@link failure}).
   */
  finish(result: readonly tf.Tensor[]): RecordedGraph | undefined {
    const updates: tf.Variable[] = [];
    const handles = this.record(() => this.#backend.getInputTensorIds([...result]));
    for (const [variable, dataId] of this.#variablesAtStart) {
      if (variable.isDisposed)
        this.#fail(`variable ${variable.name} was disposed inside the trace`);
      else if (variable.dataId !== dataId) updates.push(variable);
    }
    for (const name of Object.keys(tf.engine().registeredVariables)) {
      const variable = tf.engine().registeredVariables[name];
      if (variable !== undefined && !this.#variablesAtStart.has(variable))
        this.#fail(
          `variable ${name} was created inside the trace; create it before the first call`,
        );
    }
    handles.push(...this.record(() => this.#backend.getInputTensorIds(updates)));
    const outputs: number[] = [];
    const used = new Set<string>();
    for (const handle of handles) {
      const source = this.#sourceOf(handle, 'the result');
      if (source === undefined) break;
      const key = `${source.node}:${source.output}`;
      // A function cannot return its own argument, nor one tensor twice: pass those through Identity.
      const node = this.#nodes[source.node];
      if (used.has(key) || node?.op === 'Placeholder') {
        outputs.push(
          this.#add(
            'Identity',
            [{ name: 'T', type: this.#binding.TF_ATTR_TYPE, value: source.dtype }],
            [source],
          ),
          0,
        );
      } else {
        outputs.push(source.node, source.output);
      }
      used.add(key);
    }
    if (this.#failure !== undefined) return undefined;
    return { nodes: this.#nodes, inputs: this.#inputs, outputs, updates };
  }

  #recordingBinding(): FunctionBinding {
    const real = this.#binding;
    const recording: Partial<FunctionBinding> = {
      executeOp: (name, attrs, inputIds, numOutputs) => {
        const outputs = real.executeOp(name, attrs, inputIds, numOutputs);
        if (this.#failure === undefined) this.#recordOp(name, attrs, inputIds, outputs);
        return outputs;
      },
      createTensor: (shape, dtype, values) => {
        const id = real.createTensor(shape, dtype, values);
        if (this.#failure === undefined) this.#recordHostTensor(id, shape, dtype, values);
        return id;
      },
      tensorDataSync: (id) => {
        const maker = this.#sources.get(id);
        const op =
          maker === undefined ? 'an argument' : `${this.#nodes[maker.node]?.op ?? '?'}'s output`;
        this.#fail(`it reads ${op} back to JavaScript (dataSync/data/arraySync) mid-update`);
        return real.tensorDataSync(id);
      },
    };
    // The binding's own methods are read-only, so the stand-ins are defined, not assigned.
    const descriptors = Object.fromEntries(
      Object.entries(recording).map(([name, value]) => [name, { value }]),
    );
    return Object.create(real, descriptors) as FunctionBinding;
  }

  #recordOp(
    name: string,
    attrs: GraphNode['attrs'],
    inputIds: number[],
    outputs: OutputInfo[],
  ): void {
    const sources: Source[] = [];
    for (const id of inputIds) {
      const source = this.#sourceOf(id, `op ${name}`);
      if (source === undefined) return;
      sources.push(source);
    }
    const node = isBiasAdd(name, sources)
      ? this.#add('BiasAdd', [...attrs, this.#nhwc()], sources)
      : this.#add(name, attrs, sources);
    outputs.forEach((info, output) =>
      this.#sources.set(info.id, { node, output, dtype: info.dtype, shape: info.shape }),
    );
  }

  #recordHostTensor(id: number, shape: number[], dtype: number, values: unknown): void {
    if (typeof values !== 'object' || values === null || !this.#hostValues.has(values)) {
      this.#fail(
        `a tensor of shape [${shape.join(',')}] made before the trace is used inside it without being an argument`,
      );
      return;
    }
    if (dtype === this.#binding.TF_FLOAT && !isUniform(values)) {
      this.#fail(
        `a float32 tensor of shape [${shape.join(',')}] is made from JavaScript values inside it ` +
          '(a random draw or data?); pass it as an argument',
      );
      return;
    }
    if (!isTypedArray(values)) {
      this.#fail(
        `a string tensor of shape [${shape.join(',')}] is made inside it; a compiled update holds numeric tensors only`,
      );
      return;
    }
    const { TF_ATTR_TYPE, TF_ATTR_TENSOR } = this.#binding;
    const value = { dtype, shape: [...shape], values: values.slice() };
    const node = this.#add(
      'Const',
      [
        { name: 'dtype', type: TF_ATTR_TYPE, value: dtype },
        { name: 'value', type: TF_ATTR_TENSOR, value },
      ],
      [],
    );
    this.#sources.set(id, { node, output: 0, dtype, shape });
  }

  /** BiasAdd's layout attr: the bias runs along the last axis, as tfjs's broadcast Add adds it. */
  #nhwc(): GraphNode['attrs'][number] {
    return { name: 'data_format', type: this.#binding.TF_ATTR_STRING, value: 'NHWC' };
  }

  #sourceOf(id: number, user: string): Source | undefined {
    const known = this.#sources.get(id);
    if (known !== undefined) return known;
    const variable = this.#variables.get(id);
    if (variable !== undefined)
      return this.#placeholder(id, this.#dtypeOf(variable), variable.shape, {
        kind: 'variable',
        variable,
      });
    this.#fail(
      `${user} uses a tensor that is not an argument, not a variable and not made inside the trace`,
    );
    return undefined;
  }

  #placeholder(id: number, dtype: number, shape: readonly number[], source: TraceInput): Source {
    const { TF_ATTR_TYPE, TF_ATTR_SHAPE } = this.#binding;
    const node = this.#add(
      'Placeholder',
      [
        { name: 'dtype', type: TF_ATTR_TYPE, value: dtype },
        { name: 'shape', type: TF_ATTR_SHAPE, value: [...shape] },
      ],
      [],
    );
    this.#inputs.push({ node, source });
    const placed = { node, output: 0, dtype, shape };
    this.#sources.set(id, placed);
    return placed;
  }

  #add(op: string, attrs: GraphNode['attrs'], inputs: readonly Source[]): number {
    this.#nodes.push({ op, attrs, inputs: inputs.flatMap((s) => [s.node, s.output]) });
    return this.#nodes.length - 1;
  }

  #dtypeOf(tensor: tf.Tensor): number {
    return this.#backend.tensorMap.get(tensor.dataId)?.dtype ?? this.#binding.TF_FLOAT;
  }

  #fail(reason: string): void {
    this.#failure ??= reason;
  }
}

/**
 * Whether an Add adds a vector along the last axis of a tensor of rank 2 or more: what
 * tfjs's dense and convolution layers do with their bias, and TensorFlow's BiasAdd does with the
 * same sums. As BiasAdd, Grappler's remapper can fuse it into the MatMul or Conv2D before it.
 */
function isBiasAdd(op: string, [value, bias]: readonly Source[]): boolean {
  return (
    op === 'Add' &&
    value !== undefined &&
    bias !== undefined &&
    value.dtype === bias.dtype &&
    value.shape.length >= 2 &&
    bias.shape.length === 1 &&
    bias.shape[0] === value.shape[value.shape.length - 1]
  );
}

/** The typed arrays tfjs-node hands its binding for numeric and bool tensors. */
type TypedArray = Float32Array | Int32Array | Uint8Array;

function isTypedArray(values: object): values is TypedArray {
  return (
    values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array
  );
}

/** Whether every value is the same: `ones`/`zeros`/`fill` are, random draws and data are not. */
function isUniform(values: object): boolean {
  if (!(values instanceof Float32Array)) return false;
  const first = values[0];
  return values.every((v) => Object.is(v, first));
}
