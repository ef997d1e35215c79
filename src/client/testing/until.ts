/**
 * Lets pending promise callbacks and I/O run until `cond()` holds, checking between event-loop turns. Throws after
 * `turns` turns so a broken test fails instead of hanging. It never waits on wall-clock time.
 */
export async function until(cond: () => boolean, options: { turns?: number; what?: string } = {}): Promise<void> {
  const turns = options.turns ?? 1000;
  for (let i = 0; i < turns; i++) {
    if (cond()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  if (!cond()) throw new Error(`condition not reached after ${turns} event-loop turns${options.what ? `: ${options.what}` : ''}`);
}

/** Lets `turns` event-loop turns pass (pending promise callbacks and I/O run). Never waits on wall-clock time. */
export async function tick(turns = 1): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}
