/**
 * Input validation and key-range helpers for the sqlite backend. Validation throws StoreError InvalidArgument; callers
 * turn that into a rejected promise.
 */
import { storeErrors } from '../errors.js';
import type { TxnOp, TxnRequest } from '../types.js';

export function checkKey(key: unknown, what = 'key'): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw storeErrors.invalid(`${what} must be a non-empty string`);
}

export function checkValue(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw storeErrors.invalid('value must be a string');
}

/** Revisions are positive safe integers. */
export function checkRevision(rev: unknown, what = 'revision'): asserts rev is number {
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev <= 0) {
    throw storeErrors.invalid(`${what} must be a positive integer, got ${String(rev)}`);
  }
}

export function checkLimit(limit: unknown): asserts limit is number {
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) {
    throw storeErrors.invalid(`limit must be a non-negative integer, got ${String(limit)}`);
  }
}

function checkOps(ops: readonly TxnOp[], branch: string): void {
  if (!Array.isArray(ops)) throw storeErrors.invalid(`txn ${branch} must be an array`);
  const written = new Set<string>();
  for (const op of ops) {
    checkKey(op.key, `txn ${branch} ${op.type} key`);
    if (op.type === 'get') continue;
    if (op.type === 'put') checkValue(op.value);
    else if (op.type !== 'delete') throw storeErrors.invalid(`txn ${branch}: unknown op type ${String((op as TxnOp).type)}`);
    // As etcd: one revision holds at most one write per key, so a history read at that revision is unambiguous.
    if (written.has(op.key)) throw storeErrors.invalid(`txn ${branch}: duplicate key ${op.key} in one transaction`);
    written.add(op.key);
  }
}

export function checkTxn(req: TxnRequest): void {
  if (!req || !Array.isArray(req.compare)) throw storeErrors.invalid('txn compare must be an array');
  for (const c of req.compare) {
    checkKey(c.key, 'txn compare key');
    if (!Number.isSafeInteger(c.modRevision) || c.modRevision < 0) {
      throw storeErrors.invalid(`txn compare modRevision must be a non-negative integer, got ${String(c.modRevision)}`);
    }
  }
  checkOps(req.success, 'success');
  if (req.failure !== undefined) checkOps(req.failure, 'failure');
}

/**
 * The smallest string greater than every string that starts with `prefix`, in SQLite's BINARY (UTF-8 byte) order, or
 * null when there is none (empty prefix). Incrementing the last code point works because UTF-8 byte order is code point
 * order; surrogate code points are skipped, and U+10FFFF carries into the previous code point.
 */
export function prefixEnd(prefix: string): string | null {
  const cps = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (cps.length) {
    const last = cps.pop()!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return String.fromCodePoint(...cps, next);
    }
  }
  return null;
}
