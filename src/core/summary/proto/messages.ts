/**
 * The protocol-buffer messages of TensorBoard's event files, described in code so that they
 * travel inside dist/ with no `.proto` file to find at run time.
 *
 * Field numbers are TensorBoard's, from tensorflow/tensorboard
 * `tensorboard/compat/proto/{event,summary,tensor,tensor_shape,types}.proto`. Only the fields
 * gantry writes or reads are described; protobuf skips the others when decoding. Field names
 * are camelCase because they are the JavaScript property names; the wire only sees numbers.
 */
import protobuf from 'protobufjs';

/** `tensorboard.DataType` values gantry writes (types.proto). */
export const DataType = { DT_FLOAT: 1, DT_DOUBLE: 2, DT_STRING: 7 } as const;

/** `tensorboard.DataClass` (summary.proto): tells the data server how to store a time series. */
export const DataClass = { SCALAR: 1, TENSOR: 2, BLOB_SEQUENCE: 3 } as const;

/** `tensorboard.SessionLog.SessionStatus` (event.proto). */
export const SessionStatus = { STATUS_UNSPECIFIED: 0, START: 1, STOP: 2, CHECKPOINT: 3 } as const;

const root = protobuf.Root.fromJSON({
  nested: {
    tensorboard: {
      nested: {
        Event: {
          oneofs: { what: { oneof: ['fileVersion', 'graphDef', 'summary', 'sessionLog'] } },
          fields: {
            wallTime: { type: 'double', id: 1 },
            step: { type: 'int64', id: 2 },
            fileVersion: { type: 'string', id: 3 },
            graphDef: { type: 'bytes', id: 4 },
            summary: { type: 'Summary', id: 5 },
            sessionLog: { type: 'SessionLog', id: 7 },
          },
        },
        SessionLog: {
          fields: {
            status: { type: 'int32', id: 1 },
            checkpointPath: { type: 'string', id: 2 },
            msg: { type: 'string', id: 3 },
          },
        },
        Summary: {
          fields: { value: { rule: 'repeated', type: 'Value', id: 1 } },
          nested: {
            Value: {
              oneofs: { value: { oneof: ['simpleValue', 'tensor'] } },
              fields: {
                tag: { type: 'string', id: 1 },
                simpleValue: { type: 'float', id: 2 },
                tensor: { type: 'TensorProto', id: 8 },
                metadata: { type: 'SummaryMetadata', id: 9 },
              },
            },
          },
        },
        SummaryMetadata: {
          fields: {
            pluginData: { type: 'PluginData', id: 1 },
            displayName: { type: 'string', id: 2 },
            summaryDescription: { type: 'string', id: 3 },
            dataClass: { type: 'int32', id: 4 },
          },
          nested: {
            PluginData: {
              fields: {
                pluginName: { type: 'string', id: 1 },
                content: { type: 'bytes', id: 2 },
              },
            },
          },
        },
        TensorProto: {
          fields: {
            dtype: { type: 'int32', id: 1 },
            tensorShape: { type: 'TensorShapeProto', id: 2 },
            tensorContent: { type: 'bytes', id: 4 },
            floatVal: { rule: 'repeated', type: 'float', id: 5, options: { packed: true } },
            doubleVal: { rule: 'repeated', type: 'double', id: 6, options: { packed: true } },
            stringVal: { rule: 'repeated', type: 'bytes', id: 8 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'Dim', id: 2 } },
          nested: { Dim: { fields: { size: { type: 'int64', id: 1 } } } },
        },
      },
    },
  },
});

const EventType = root.lookupType('tensorboard.Event');
const SummaryType = root.lookupType('tensorboard.Summary');

/** One dimension of a tensor's shape. */
export interface TensorDim {
  size: number;
}

/** A `TensorProto` as gantry writes and reads it. */
export interface TensorMessage {
  dtype: number;
  tensorShape?: { dim?: TensorDim[] };
  tensorContent?: Uint8Array;
  floatVal?: number[];
  doubleVal?: number[];
  stringVal?: Uint8Array[];
}

/** `SummaryMetadata`: which plugin shows a tag, and how its data is stored. */
export interface SummaryMetadataMessage {
  pluginData?: { pluginName?: string; content?: Uint8Array };
  displayName?: string;
  summaryDescription?: string;
  dataClass?: number;
}

/** One tagged value of a `Summary`. */
export interface SummaryValueMessage {
  tag: string;
  simpleValue?: number;
  tensor?: TensorMessage;
  metadata?: SummaryMetadataMessage;
}

/** `SessionLog`: a session started (after a restore), stopped, or checkpointed. */
export interface SessionLogMessage {
  status?: number;
  checkpointPath?: string;
  msg?: string;
}

/** An `Event`, the message inside every record of an event file. */
export interface EventMessage {
  /** Seconds since the Unix epoch. */
  wallTime: number;
  /** The global step; int64 on disk, a safe integer here. */
  step: number;
  fileVersion?: string;
  summary?: { value?: SummaryValueMessage[] };
  sessionLog?: SessionLogMessage;
}

/**
 * Serializes an `Event`.
 *
 * @param event - the event.
 * @returns its protobuf bytes.
 */
export function encodeEvent(event: EventMessage): Uint8Array {
  return EventType.encode(event).finish();
}

/**
 * Serializes a `Summary` (the `summary` field of an `Event`).
 *
 * @param summary - its values.
 * @returns its protobuf bytes.
 */
export function encodeSummary(summary: { value: SummaryValueMessage[] }): Uint8Array {
  return SummaryType.encode(summary).finish();
}

/**
 * Parses an `Event`, with int64 fields as numbers and absent fields left out.
 *
 * @param bytes - the protobuf bytes of one record's data.
 * @returns the event.
 */
export function decodeEvent(bytes: Uint8Array): EventMessage {
  const message = EventType.decode(bytes);
  // With longs as numbers and no defaults filled in, the object has EventMessage's shape.
  const event = EventType.toObject(message, { longs: Number }) as Partial<EventMessage>;
  return { ...event, wallTime: event.wallTime ?? 0, step: event.step ?? 0 };
}
