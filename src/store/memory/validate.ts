/** Argument checks for the memory backend; each throws StoreError InvalidArgument with what was wrong. */
import { storeErrors } from '../errors.js';
import type { TxnOp, TxnRequest } from '../types.js';

export function checkKey(key: string, what = 'key'): void {
  if (typeof key !== 'string' || key.length === 0) throw storeErrors.invalid(`${what} must be a non-empty string`);
}

/** A revision argument: a positive integer. */
export function checkRevision(rev: number, what: string): void {
  if (!Number.isInteger(rev) || rev <= 0) throw storeErrors.invalid(`${what} must be a positive integer, got ${rev}`);
}

export function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return 0;
  if (!Number.isInteger(limit) || limit < 0) throw storeErrors.invalid(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** Checks every key, compare and the rule (as in etcd) that a txn branch writes each key at most once. */
export function checkTxn(req: TxnRequest): void {
  for (const c of req.compare) {
    checkKey(c.key, 'compare key');
    if (!Number.isInteger(c.modRevision) || c.modRevision < 0) {
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
    if (op.type === 'put' && typeof op.value !== 'string') throw storeErrors.invalid(`put value for ${op.key} must be a string`);
    if (written.has(op.key)) throw storeErrors.invalid(`duplicate key given in txn request: ${op.key}`);
    written.add(op.key);
  }
}
