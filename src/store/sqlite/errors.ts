/** Typed errors of the sqlite backend. */
import { StoreError } from '../errors.js';

/**
 * Another process (or another SqliteStore in this process) holds the data file's exclusive lock. A StoreError with
 * code Unavailable, so generic callers treat it as "store unavailable"; test it with `isSqliteLocked`.
 */
export class SqliteLockedError extends StoreError {
  readonly reason = 'Locked' as const;

  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(
      'Unavailable',
      `store unavailable: the data file ${path} is locked by another skiff process (only one may open it for writing)`,
      undefined,
      options,
    );
  }
}

export const isSqliteLocked = (err: unknown): err is SqliteLockedError => err instanceof SqliteLockedError;
