/**
 * What every controller gets from the controller manager: the API client (all reads and writes go through the API
 * server), one shared informer factory (so N controllers watching pods cost one watch), an event recorder per
 * controller, the clock, and a signal that aborts on shutdown.
 */
import type { EventRecorder, RestClient, SharedInformerFactory } from '../client/index.js';
import type { Clock } from '../machinery/index.js';

export interface ControllerContext {
  readonly client: RestClient;
  readonly informers: SharedInformerFactory;
  /** The event recorder for a controller (source.component = `component`). */
  recorder(component: string): EventRecorder;
  readonly clock: Clock;
  /** Aborted when the manager stops; controllers end their workers then. */
  readonly signal: AbortSignal;
}

/**
 * A controller: `start` registers its informer handlers (before the factory starts) and returns a function that runs
 * its workers once caches have synced; that promise settles when `ctx.signal` aborts.
 */
export interface Controller {
  readonly name: string;
  start(ctx: ControllerContext): () => Promise<void>;
}

/** Builds a controller; options come from the controller manager's flags. */
export type ControllerFactory = (options: { workers: number; rootCaPem?: string }) => Controller;
