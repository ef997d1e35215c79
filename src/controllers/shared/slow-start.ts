/**
 * Slow-start batching (kubernetes pkg/controller/replicaset slowStartBatch): run `count` calls of `fn` in batches of
 * 1, 2, 4, 8, … (each batch twice the previous, capped by what remains and by `maxBatchSize`), every call of a batch
 * concurrently. A batch with any failure is the last one: a create that is refused (quota, admission, a terminating
 * namespace) is likely refused again, so a controller does not flood the API server with doomed requests.
 *
 * Guarantees: `fn` is called at most `count` times; calls of one batch all settle before the next batch starts;
 * `successes` counts the calls that resolved; `error` is the first failure (in call order) of the failing batch.
 */

/** Kubernetes' SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  successes: number;
  /** The first error of the batch that failed; absent when every call succeeded. */
  error?: unknown;
}

export interface SlowStartOptions {
  /** First batch size (default 1). */
  initialBatchSize?: number;
  /** Largest batch (default unlimited). */
  maxBatchSize?: number;
}

/** The batch sizes slowStartBatch uses for `count` calls (exported for tests and planning). */
export function slowStartBatchSizes(count: number, options: SlowStartOptions = {}): number[] {
  const initial = Math.max(1, options.initialBatchSize ?? SLOW_START_INITIAL_BATCH_SIZE);
  const cap = options.maxBatchSize ?? Infinity;
  const sizes: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial, cap); size > 0; size = Math.min(2 * size, remaining, cap)) {
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}

/** Runs `fn(index)` `count` times in slow-start batches; see the module comment. */
export async function slowStartBatch(count: number, fn: (index: number) => Promise<void>, options: SlowStartOptions = {}): Promise<SlowStartResult> {
  let successes = 0;
  let index = 0;
  for (const size of slowStartBatchSizes(count, options)) {
    const calls: Promise<void>[] = [];
    for (let i = 0; i < size; i++) calls.push(fn(index++));
    const results = await Promise.allSettled(calls);
    let firstError: PromiseRejectedResult | undefined;
    for (const r of results) {
      if (r.status === 'fulfilled') successes++;
      else firstError ??= r;
    }
    if (firstError) return { successes, error: firstError.reason };
  }
  return { successes };
}
