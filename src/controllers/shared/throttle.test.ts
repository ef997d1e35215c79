import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../client/index.js';
import { FakeClock, type ObjectKey } from '../../machinery/index.js';
import { SyncThrottle } from './throttle.js';

const key: ObjectKey = { namespace: 'ns', name: 'rs' };

describe('SyncThrottle', () => {
  it('enqueues at once when the key was not synced within the period, else at the end of the window', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue<ObjectKey>({ clock });
    const t = new SyncThrottle(queue, clock, 100);
    t.wake(key);
    expect(queue.len()).toBe(1);
    const got = await queue.get();
    t.started(key);
    queue.done(got.shutdown ? key : got.key);

    clock.advance(30);
    t.wake(key);
    t.wake(key);
    expect(queue.len()).toBe(0);
    clock.advance(69);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1); // one sync for the burst, 100 ms after the last one started

    t.forget(key);
    await queue.get();
    t.wake(key); // forgotten: immediate again (already queued/processing keys are collapsed by the queue)
    expect(clock.pendingTimers).toBe(0);
  });
});
