// Public API of src/core/checkpoint; re-exported from src/index.ts.
export {
  CheckpointManager,
  type CheckpointManagerOptions,
  type CheckpointSource,
  type SavedCheckpoint,
} from './checkpoint-manager.js';
export {
  readCheckpointFile,
  writeCheckpointFile,
  type CheckpointContents,
  type LoadedCheckpoint,
} from './checkpoint-file.js';
export type { Checkpointable, JsonValue } from './checkpointable.js';
export {
  CheckpointCorruptError,
  CheckpointError,
  CheckpointFormatError,
  CheckpointMismatchError,
  CheckpointNameError,
  CheckpointTruncatedError,
  CheckpointVersionError,
  type CheckpointMismatch,
} from './errors.js';
export {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointManifest,
  type ManifestVariable,
} from './manifest.js';
export type { TensorDtype, TensorRecord } from './safetensors.js';
export {
  Saver,
  type RestoreOptions,
  type RestoreResult,
  type SaveOptions,
  type SaverOptions,
  type SaverVariables,
} from './saver.js';
