import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { makeHarness, tick, until, type Harness } from '../endpoints/testing/index.js';
import { podGcController } from './controller.js';

let h: Harness;
let done: Promise<void> | undefined;

afterEach(async () => {
  h.abort.abort();
  await done;
  await h.stop();
});

const exists = (name: string) => h.object<Pod>(refs.pods, 'default', name) !== undefined;

const orphan: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'orphan', namespace: 'default', uid: 'uid-orphan' },
  spec: { nodeName: 'gone', containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running' },
};

describe('podGcController', () => {
  it('runs a pass every gcCheckPeriod (20 s): orphans go at the first pass after the 40 s quarantine', async () => {
    h = makeHarness();
    h.server.put(refs.pods, orphan);
    const run = podGcController({
      onError: (err) => {
        throw err;
      },
    }).start(h.ctx);
    await h.sync();
    done = run();
    await tick(10);
    // Passes at 0 s (the node is quarantined until 40 s) and 20 s keep the pod; the pass at 40 s removes it.
    await h.clock.advanceAsync(20_000);
    await tick(10);
    expect(exists('orphan')).toBe(true);
    await h.clock.advanceAsync(20_000);
    await until(() => !exists('orphan'), { what: 'orphan collected' });
  });

  it('ends its loop when the manager stops', async () => {
    h = makeHarness();
    const run = podGcController().start(h.ctx);
    await h.sync();
    done = run();
    await tick(10);
    h.abort.abort();
    await expect(done).resolves.toBeUndefined();
  });
});
