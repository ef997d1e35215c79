/** Typed store errors. Test `err.code` via the `is*` helpers; never match messages. */

export type StoreErrorCode =
  | 'KeyExists'
  | 'NotFound'
  | 'Conflict'
  | 'Compacted'
  | 'FutureRevision'
  | 'WatchOverflow'
  | 'Closed'
  | 'Unavailable'
  | 'InvalidArgument';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For Compacted: the compact revision. For Conflict: the key's current modRevision (0 if absent). */
    readonly revision?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const is = (code: StoreErrorCode) => (err: unknown): err is StoreError => err instanceof StoreError && err.code === code;

export const isKeyExists = is('KeyExists');
export const isKeyNotFound = is('NotFound');
export const isConflict = is('Conflict');
export const isCompacted = is('Compacted');
export const isFutureRevision = is('FutureRevision');
export const isWatchOverflow = is('WatchOverflow');
export const isStoreClosed = is('Closed');
export const isUnavailable = is('Unavailable');

export const storeErrors = {
  keyExists: (key: string) => new StoreError('KeyExists', `key already exists: ${key}`),
  notFound: (key: string) => new StoreError('NotFound', `key not found: ${key}`),
  conflict: (key: string, actual: number, expected: number) =>
    new StoreError('Conflict', `modRevision of ${key} is ${actual}, expected ${expected}`, actual),
  compacted: (requested: number, compactRev: number) =>
    new StoreError('Compacted', `required revision ${requested} has been compacted (compact revision ${compactRev})`, compactRev),
  futureRevision: (requested: number, current: number) =>
    new StoreError('FutureRevision', `required revision ${requested} is a future revision (current ${current})`, current),
  watchOverflow: (buffered: number) =>
    new StoreError('WatchOverflow', `watcher is too slow: ${buffered} batches buffered; closed so the client can relist`),
  closed: () => new StoreError('Closed', 'store is closed'),
  unavailable: (why: string, cause?: unknown) => new StoreError('Unavailable', `store unavailable: ${why}`, undefined, { cause }),
  invalid: (why: string) => new StoreError('InvalidArgument', why),
};
