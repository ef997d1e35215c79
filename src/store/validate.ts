/** Argument checks every backend makes before touching its data; each throws StoreError InvalidArgument. */
import { storeErrors } from './errors.js';
import type { TxnOp, TxnRequest } from './types.js';

export function checkKey(key: string, what = 'key'): void {
  if (typeof key !== 'string' || key.length === 0) throw storeErrors.invalid(`${what} must be a non-empty string`);
}

export function checkValue(value: string, key: string): void {
  if (typeof value !== 'string') throw storeErrors.invalid(`value for ${key} must be a string`);
}

/** A revision argument: a positive integer. */
export function checkRevision(rev: number, what: string): void {
  if (!Number.isSafeInteger(rev) || rev <= 0) throw storeErrors.invalid(`${what} must be a positive integer, got ${rev}`);
}

export function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return 0;
  if (!Number.isSafeInteger(limit) || limit < 0) throw storeErrors.invalid(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** Every key and compare, and etcd's rule that one txn branch writes a key at most once. */
export function checkTxn(req: TxnRequest): void {
  for (const c of req.compare) {
    checkKey(c.key, 'compare key');
    if (!Number.isSafeInteger(c.modRevision) || c.modRevision < 0) {
      throw storeErrors.invalid(`compare modRevision must be a non-negative integer, got ${c.modRevision}`);
    }
  }
  checkOps(req.success);
  checkOps(req.failure ?? []);
}

function checkOps(ops: readonly TxnOp[]): void {
  const written = new Set<string>();
  for (const op of ops) {
    checkKey(op.key, `${op.type} key`);
    if (op.type === 'get') continue;
    if (op.type === 'put') checkValue(op.value, op.key);
    if (written.has(op.key)) throw storeErrors.invalid(`duplicate key given in txn request: ${op.key}`);
    written.add(op.key);
  }
}
