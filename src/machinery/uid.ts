/**
 * Object UIDs. Kubernetes assigns each object an RFC 4122 version-4 UUID at creation (uuid.NewUUID in the registry).
 * Code that assigns UIDs takes a `UidSource` so tests can use `SequentialUidSource` and get stable, predictable UIDs.
 */
import { randomUUID } from 'node:crypto';

/** A caller passed an invalid argument to a UID function. */
export class UidSourceError extends Error {
  override readonly name = 'UidSourceError';
}

/** Produces object UIDs. Every call returns a UID not returned before by the same source. */
export interface UidSource {
  next(): string;
}

/** A fresh random RFC 4122 v4 UUID, lower-case, from node:crypto. */
export function newUid(): string {
  return randomUUID();
}

/** The production source: random v4 UUIDs. */
export const randomUidSource: UidSource = { next: newUid };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lower-case 8-4-4-4-12 hex UUID (the form Kubernetes writes). */
export function isUid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/**
 * A deterministic source for tests: `ssssssss-0000-4000-8000-nnnnnnnnnnnn`, where `s` is the seed and `n` counts up
 * from 1. The results are valid v4-format UUIDs, distinct per (seed, call), and identical across runs.
 */
export class SequentialUidSource implements UidSource {
  private counter = 0;
  private readonly seedHex: string;

  constructor(options: { seed?: number } = {}) {
    const seed = options.seed ?? 0;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new UidSourceError(`seed must be an integer in [0, 2^32), got ${String(seed)}`);
    }
    this.seedHex = seed.toString(16).padStart(8, '0');
  }

  next(): string {
    this.counter++;
    if (this.counter > 0xffffffffffff) throw new UidSourceError('SequentialUidSource exhausted');
    return `${this.seedHex}-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
