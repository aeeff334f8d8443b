// Public API of src/core/events; re-exported from src/index.ts.
export type {
  BeginEvent,
  CheckpointSavedEvent,
  CriticStepEvent,
  EndEvent,
  ErrorEvent,
  EvaluationEvent,
  EventBase,
  EventOfKind,
  GeneratorStepEvent,
  StepCounts,
  StepEvent,
  StepName,
  StopRequestedEvent,
  TrainingEvent,
  TrainingEventKind,
} from './training-event.js';
export { systemClock, type Clock } from './clock.js';
export { ofKind } from './of-kind.js';
export { everyN, isUpdateOf, type StepEventOf } from './every-n.js';
export { atStep } from './at-step.js';
export { everySeconds } from './every-seconds.js';
export { EventOutbox } from './event-outbox.js';
