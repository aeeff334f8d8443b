import { Observable, Subscriber, type Observer, type Operator, type Subscription } from 'rxjs';

type NextOrObserver<T> = Partial<Observer<T>> | ((value: T) => void) | null | undefined;

/**
 * An Observable whose subscribers' callbacks report what they throw to `onError`, and which
 * keeps that property through `pipe`. RxJS catches an error thrown in a subscriber and
 * rethrows it later on a timer (`reportUnhandledError`), where no one can tell which hook it
 * came from; wrapping the final observer is the only synchronous place to catch it. Operators
 * keep the guard because `lift` (which RxJS's `operate` calls) returns another guarded stream,
 * the way RxJS's own `Subject` subclasses `Observable`.
 */
class GuardedObservable<T> extends Observable<T> {
  constructor(
    private readonly onError: (error: unknown) => void,
    subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => void,
  ) {
    super(subscribe);
  }

  override lift<R>(operator: Operator<T, R>): Observable<R> {
    const lifted = new GuardedObservable<R>(this.onError);
    // The two fields RxJS's own `lift` sets; marked internal, but the documented way to subclass.
    lifted.source = this;
    lifted.operator = operator;
    return lifted;
  }

  override subscribe(
    observerOrNext?: NextOrObserver<T>,
    error?: ((error: unknown) => void) | null,
    complete?: (() => void) | null,
  ): Subscription {
    // Subscribers are RxJS's own links between operators: only the user's end is guarded.
    if (observerOrNext instanceof Subscriber) return super.subscribe(observerOrNext);
    const observer: Partial<Observer<T>> =
      typeof observerOrNext === 'function' || observerOrNext == null
        ? {
            next: observerOrNext ?? undefined,
            error: error ?? undefined,
            complete: complete ?? undefined,
          }
        : observerOrNext;
    return super.subscribe({
      next: (value) => this.guard(() => observer.next?.call(observer, value)),
      error: (reason: unknown) => this.guard(() => observer.error?.call(observer, reason)),
      complete: () => this.guard(() => observer.complete?.call(observer)),
    });
  }

  private guard(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.onError(error);
    }
  }
}

/**
 * Wraps `source` so that anything a subscriber's `next`/`error`/`complete` throws, however
 * the subscriber piped the stream, is passed to `onError` synchronously instead of escaping
 * as an uncaught exception later. The trainer gives each hook its own guarded view of the
 * event stream, so a failure can be pinned on the hook that caused it.
 *
 * @param source - the stream to share.
 * @param onError - called with what a subscriber threw, at the moment it threw.
 * @returns a view of `source` whose subscriber errors are reported.
 */
export function guardedStream<T>(
  source: Observable<T>,
  onError: (error: unknown) => void,
): Observable<T> {
  return new GuardedObservable<T>(onError, (subscriber) => source.subscribe(subscriber));
}
