/**
 * `Summary.Value`s in the form current TensorBoard reads natively: a `TensorProto` with the
 * owning plugin's metadata, as tensorflow/tensorboard `tensorboard/plugins/{scalar,image,
 * histogram,text}/summary_v2.py` and `metadata.py` write them. Each plugin's `content` is its
 * `*PluginData` message at version 0, which serializes to no bytes.
 */
import { SummaryError } from './errors.js';
import type { HistogramBucket } from './histogram.js';
import {
  DataClass,
  DataType,
  type SummaryMetadataMessage,
  type SummaryValueMessage,
} from './proto/messages.js';

const utf8 = new TextEncoder();
const LONE_SURROGATE = /\p{Surrogate}/u;

function metadata(pluginName: string, dataClass: number): SummaryMetadataMessage {
  return { pluginData: { pluginName, content: new Uint8Array(0) }, dataClass };
}

const SCALAR_METADATA = metadata('scalars', DataClass.SCALAR);
const IMAGE_METADATA = metadata('images', DataClass.BLOB_SEQUENCE);
const HISTOGRAM_METADATA = metadata('histograms', DataClass.TENSOR);
const TEXT_METADATA = metadata('text', DataClass.TENSOR);

/**
 * Checks that a tag is a non-empty string that encodes to valid UTF-8: readers drop a record
 * with an invalid tag, or the rest of the file.
 *
 * @param tag - the tag.
 * @throws SummaryError otherwise.
 */
export function checkTag(tag: string): void {
  if (typeof tag !== 'string' || tag.length === 0 || LONE_SURROGATE.test(tag)) {
    throw new SummaryError(
      `summary tag ${JSON.stringify(tag)} is not a non-empty string of valid Unicode; ` +
        "use names like 'loss/critic'.",
    );
  }
}

/**
 * A scalar: a rank-0 `DT_FLOAT` tensor (the only form the default data server reads). NaN and
 * infinities are written as they are, as TensorFlow writes them.
 *
 * @param tag - the tag.
 * @param value - the value, stored as float32.
 * @returns the summary value.
 */
export function scalarValue(tag: string, value: number): SummaryValueMessage {
  return {
    tag,
    metadata: SCALAR_METADATA,
    tensor: { dtype: DataType.DT_FLOAT, tensorShape: {}, floatVal: [value] },
  };
}

/**
 * Images: a rank-1 `DT_STRING` tensor `[width, height, png, ...]`, sizes as decimal text.
 *
 * @param tag - the tag.
 * @param size - the size every PNG has.
 * @param pngs - the encoded images.
 * @returns the summary value.
 */
export function imageValue(
  tag: string,
  size: { width: number; height: number },
  pngs: readonly Uint8Array[],
): SummaryValueMessage {
  const strings = [utf8.encode(String(size.width)), utf8.encode(String(size.height)), ...pngs];
  return {
    tag,
    metadata: IMAGE_METADATA,
    tensor: {
      dtype: DataType.DT_STRING,
      tensorShape: { dim: [{ size: strings.length }] },
      stringVal: strings,
    },
  };
}

/**
 * A histogram: a `[k, 3]` `DT_DOUBLE` tensor of `(left edge, right edge, count)` rows.
 *
 * @param tag - the tag.
 * @param buckets - the rows.
 * @returns the summary value.
 */
export function histogramValue(
  tag: string,
  buckets: readonly HistogramBucket[],
): SummaryValueMessage {
  return {
    tag,
    metadata: HISTOGRAM_METADATA,
    tensor: {
      dtype: DataType.DT_DOUBLE,
      tensorShape: { dim: [{ size: buckets.length }, { size: 3 }] },
      doubleVal: buckets.flatMap((b) => [b.left, b.right, b.count]),
    },
  };
}

/**
 * Text (markdown): a rank-0 `DT_STRING` tensor of UTF-8.
 *
 * @param tag - the tag.
 * @param markdown - the text.
 * @returns the summary value.
 * @throws SummaryError when the text is not valid Unicode.
 */
export function textValue(tag: string, markdown: string): SummaryValueMessage {
  if (LONE_SURROGATE.test(markdown)) {
    throw new SummaryError(`text summary '${tag}' holds a lone UTF-16 surrogate; fix the string.`);
  }
  return {
    tag,
    metadata: TEXT_METADATA,
    tensor: { dtype: DataType.DT_STRING, tensorShape: {}, stringVal: [utf8.encode(markdown)] },
  };
}
