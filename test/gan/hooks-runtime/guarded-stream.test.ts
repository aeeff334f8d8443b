import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Subject, filter, map } from 'rxjs';
import { WorkQueue, guardedStream } from '../../../src/index.js';

describe('guardedStream', () => {
  it('reports what a subscriber throws synchronously, through piped operators', () => {
    const source = new Subject<number>();
    const caught: unknown[] = [];
    const seen: number[] = [];
    guardedStream(source, (error) => caught.push(error))
      .pipe(
        filter((n) => n > 1),
        map((n) => n * 10),
      )
      .subscribe((n) => {
        seen.push(n);
        if (n === 30) throw new Error('boom');
      });
    source.next(1);
    source.next(2);
    source.next(3);
    assert.deepEqual(seen, [20, 30]);
    assert.equal(caught.length, 1);
    assert.match(String(caught[0]), /boom/);
  });

  it('guards observer objects and complete handlers, keeping their this', () => {
    const source = new Subject<number>();
    const caught: unknown[] = [];
    const observer = {
      label: 'mine',
      next(this: { label: string }) {
        throw new Error(this.label);
      },
      complete() {
        throw new Error('on complete');
      },
    };
    guardedStream(source, (error) => caught.push(error)).subscribe(observer);
    source.next(1);
    source.complete();
    assert.deepEqual(
      caught.map((e) => (e as Error).message),
      ['mine', 'on complete'],
    );
  });

  it('leaves other subscribers of the source unaffected', () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    guardedStream(source, () => undefined).subscribe(() => {
      throw new Error('x');
    });
    source.subscribe((n) => seen.push(n));
    source.next(7);
    assert.deepEqual(seen, [7]);
  });
});

describe('WorkQueue', () => {
  it('settles only after all work, including work queued while settling', async () => {
    const order: string[] = [];
    const queue = new WorkQueue(() => undefined);
    queue.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('first');
      queue.add(async () => {
        order.push('second');
      });
    });
    await queue.settle();
    assert.deepEqual(order, ['first', 'second']);
    assert.equal(queue.size, 0);
  });

  it('reports rejections and synchronous throws without rejecting settle', async () => {
    const errors: string[] = [];
    const queue = new WorkQueue((error) => errors.push((error as Error).message));
    queue.add(Promise.reject(new Error('rejected')));
    queue.add(() => {
      throw new Error('thrown');
    });
    await queue.settle();
    assert.deepEqual(errors.sort(), ['rejected', 'thrown']);
  });
});
