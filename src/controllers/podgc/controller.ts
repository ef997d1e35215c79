/**
 * The `pod-garbage-collector-controller` (kube-controller-manager `--controllers podgc`): runs a PodGarbageCollector
 * pass once caches have synced and then every gcCheckPeriod (20 s), measured from the end of one pass to the start of
 * the next (wait.Until), until the manager stops. It reads pods and nodes from the shared informers and writes only
 * through the API.
 */
import type { Node, Pod } from '../../api/index.js';
import { refs } from '../../client/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { errorMessage } from '../shared/errors.js';
import { PodGarbageCollector } from './collector.js';

/** gcCheckPeriod. */
export const DEFAULT_GC_CHECK_PERIOD_MS = 20_000;

export interface PodGcControllerOptions {
  /** --terminated-pod-gc-threshold (default 12500; ≤ 0 disables the terminated-pods pass). */
  terminatedPodThreshold?: number;
  /** Default 20 s. */
  gcCheckPeriodMs?: number;
  /** How long a node must be missing before its pods count as orphaned (default 40 s). */
  quarantineMs?: number;
  /** Failures on single pods; default: a console warning. */
  onError?: (err: unknown, context: string) => void;
}

export function podGcController(options: PodGcControllerOptions = {}): Controller {
  return {
    name: 'pod-garbage-collector-controller',
    start(ctx: ControllerContext) {
      const pods = ctx.informers.informerFor<Pod>(refs.pods);
      const nodes = ctx.informers.informerFor<Node>(refs.nodes);
      const collector = new PodGarbageCollector({
        client: ctx.client,
        pods: pods.lister(),
        nodes: nodes.lister(),
        clock: ctx.clock,
        ...(options.terminatedPodThreshold !== undefined ? { terminatedPodThreshold: options.terminatedPodThreshold } : {}),
        ...(options.quarantineMs !== undefined ? { quarantineMs: options.quarantineMs } : {}),
        onError: options.onError ?? ((err, where) => console.warn(`pod-garbage-collector: ${where}: ${errorMessage(err)}`)),
      });
      return async () => {
        while (!ctx.signal.aborted) {
          await collector.gc();
          // sleep rejects only when the manager stops, which ends the loop.
          await ctx.clock.sleep(options.gcCheckPeriodMs ?? DEFAULT_GC_CHECK_PERIOD_MS, ctx.signal).then(
            () => undefined,
            (err: unknown) => {
              if (!ctx.signal.aborted) throw err;
            },
          );
        }
      };
    },
  };
}
