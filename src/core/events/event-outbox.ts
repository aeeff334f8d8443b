import { Subject, type Observable } from 'rxjs';

/**
 * A synchronous event stream that keeps its order when a subscriber emits from inside a
 * handler: the nested event is queued and delivered to every subscriber after the current one,
 * never ahead of it. (A plain `Subject` would deliver the nested event first to the remaining
 * subscribers, so they would see a `stop-requested` before the step that caused it.)
 */
export class EventOutbox<T> {
  /** The events, in the order they were emitted. */
  readonly events$: Observable<T>;
  private readonly subject = new Subject<T>();
  private readonly queued: T[] = [];
  private delivering = false;

  constructor() {
    this.events$ = this.subject.asObservable();
  }

  /**
   * Delivers `event` to every subscriber now, or, when called from inside a subscriber, right
   * after the event being delivered.
   *
   * @param event - the event.
   */
  emit(event: T): void {
    this.queued.push(event);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queued.shift(); next !== undefined; next = this.queued.shift())
        this.subject.next(next);
    } finally {
      this.delivering = false;
    }
  }
}
