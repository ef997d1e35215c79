/**
 * Worker-pool plumbing shared by skiff's controllers: run a WorkQueue's workers until the manager's signal aborts, and
 * report reconcile failures without flooding the log with expected stale-cache conflicts.
 */
import type { WorkQueue } from '../../client/index.js';
import { isAlreadyExists, isConflict, keyString, type ObjectKey } from '../../machinery/index.js';

/** Shuts the queue down when `signal` aborts; resolves when the workers have exited. */
export async function runUntilAborted<K>(signal: AbortSignal, queue: WorkQueue<K>, run: () => Promise<void>): Promise<void> {
  const stop = () => queue.shutDown();
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  try {
    await run();
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** A worker error reporter that stays silent for Conflict/AlreadyExists (stale cache; the key is retried anyway). */
export function quietConflicts(name: string): (err: unknown, key: unknown) => void {
  return (err, key) => {
    if (isConflict(err) || isAlreadyExists(err)) return;
    const k = typeof key === 'object' && key !== null && 'name' in key ? keyString(key as ObjectKey) : String(key);
    console.warn(`${name}: sync ${k} failed: ${err instanceof Error ? err.message : String(err)}`);
  };
}
