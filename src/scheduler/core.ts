/** What the scheduling steps need from the Scheduler: its state and its ports. */
import type { Clock } from '../machinery/index.js';
import type { Pod } from '../api/index.js';
import type { SchedulerCache } from './cache/cache.js';
import type { Snapshot } from './cache/snapshot.js';
import type { SchedulingFramework } from './framework/runtime.js';
import type { EventSink, PodWriter, SchedulingTracer } from './interfaces.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';

export interface SchedulerCore {
  readonly clock: Clock;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly snapshot: Snapshot;
  readonly random: () => number;
  readonly events?: EventSink;
  readonly podWriter?: PodWriter;
  readonly tracer?: SchedulingTracer;
  /** Global percentageOfNodesToScore (a profile's own value wins); 0 = adaptive. */
  readonly percentageOfNodesToScore: number;
  /** Where the next cycle starts evaluating nodes, so every node gets its turn. */
  nextStartNodeIndex: number;
  frameworkFor(pod: Pod): SchedulingFramework | undefined;
  /** Reports an error that must not stop the scheduler (cache inconsistencies, failed status patches). */
  onError(err: unknown, context: string): void;
}

/** What every scheduling step works with: the scheduler and the profile (framework) scheduling the pod. */
export interface StepContext {
  readonly core: SchedulerCore;
  readonly fwk: SchedulingFramework;
}
