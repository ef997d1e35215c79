/**
 * `skiff scheduler`: kube-scheduler as a client of the API server (its own identity, informers on pods and nodes,
 * binding through pods/binding), optionally leader-elected on the `kube-scheduler` Lease in kube-system so that
 * several instances never bind the same pod twice.
 */
import { hostname } from 'node:os';
import { EventRecorder, LeaderElector, SharedInformerFactory, type RestClient } from '../client/index.js';
import { type Clock, newUid, realClock } from '../machinery/index.js';
import { Scheduler, schedulerPortsFromClient } from '../scheduler/index.js';

export interface RunningScheduler {
  synced(): boolean;
  stop(): Promise<void>;
}

export async function startScheduler(o: { client: RestClient; clock?: Clock; leaderElect?: boolean; onError?: (err: unknown) => void }): Promise<RunningScheduler> {
  const clock = o.clock ?? realClock;
  const stop = new AbortController();
  let current: { informers: SharedInformerFactory; scheduler: Scheduler; recorder: EventRecorder } | null = null;
  let synced = false;
  const onError = o.onError ?? ((err: unknown) => console.error('scheduler:', err instanceof Error ? err.message : err));

  const lead = async (signal: AbortSignal) => {
    const informers = new SharedInformerFactory({ client: o.client, clock });
    const recorder = new EventRecorder({ client: o.client, component: 'default-scheduler', clock });
    const ports = schedulerPortsFromClient({ client: o.client, informers, recorder });
    const scheduler = new Scheduler({ ...ports, clock, onError });
    current = { informers, scheduler, recorder };
    scheduler.start(ports.source);
    synced = await informers.waitForCacheSync(signal);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    scheduler.stop();
    await informers.stop();
    await recorder.close();
    current = null;
  };

  let done: Promise<void>;
  if (o.leaderElect) {
    const elector = new LeaderElector({
      client: o.client,
      lease: { namespace: 'kube-system', name: 'kube-scheduler' },
      identity: `${hostname()}_${newUid()}`,
      clock,
      releaseOnCancel: true,
    });
    done = elector.run({ onStartedLeading: lead }, { signal: stop.signal });
  } else {
    done = lead(stop.signal);
  }
  return {
    synced: () => synced || (o.leaderElect === true && current === null),
    async stop() {
      stop.abort();
      await done;
    },
  };
}
