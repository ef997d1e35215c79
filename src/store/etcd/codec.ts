/**
 * Translation between skiff's store types and etcd's wire types: namespaced keys, prefix ranges, revisions.
 *
 * Guarantees: keys and values are UTF-8; every key the store sends to etcd starts with the namespace, and every key it
 * returns has the namespace stripped. Prefix ranges follow etcd's byte order (which equals UTF-8 code point order).
 */
import type { IKeyValue } from 'etcd3';
import type { KeyValue } from '../types.js';

/** etcd sends 64-bit integers as decimal strings; skiff revisions are JS numbers (exact up to 2^53). */
export function toRevision(s: string | number | undefined | null): number {
  if (s === undefined || s === null || s === '') return 0;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RangeError(`etcd revision ${String(s)} is not a safe integer`);
  return n;
}

/** The smallest key greater than every key starting with `prefix` (etcd's "prefix + 1"); `\0` means "no end". */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** Maps user keys into (and out of) an etcd key namespace. */
export class KeyCodec {
  readonly namespace: Buffer;

  constructor(namespace: string) {
    this.namespace = Buffer.from(namespace, 'utf8');
  }

  encode(key: string): Buffer {
    return Buffer.concat([this.namespace, Buffer.from(key, 'utf8')]);
  }

  decodeKey(raw: Buffer): string {
    return raw.subarray(this.namespace.length).toString('utf8');
  }

  /** The etcd range [key, rangeEnd) holding exactly the user keys that start with `prefix`. */
  prefixRange(prefix: string): { key: Buffer; rangeEnd: Buffer } {
    const key = this.encode(prefix);
    if (key.length === 0) return { key: Buffer.from([0]), rangeEnd: Buffer.from([0]) };
    return { key, rangeEnd: prefixEnd(key) };
  }

  /**
   * The range for a page of `prefix` that starts strictly after user key `after` (continue tokens): etcd's next key
   * after `k` is `k + "\0"`. Never starts before the prefix itself.
   */
  pageRange(prefix: string, after: string | undefined): { key: Buffer; rangeEnd: Buffer } {
    const r = this.prefixRange(prefix);
    if (after === undefined) return r;
    const next = Buffer.concat([this.encode(after), Buffer.from([0])]);
    return { key: Buffer.compare(next, r.key) > 0 ? next : r.key, rangeEnd: r.rangeEnd };
  }

  decodeKv(kv: IKeyValue): KeyValue {
    return {
      key: this.decodeKey(kv.key),
      value: kv.value ? kv.value.toString('utf8') : '',
      createRevision: toRevision(kv.create_revision),
      modRevision: toRevision(kv.mod_revision),
      version: toRevision(kv.version),
    };
  }

  /** Like decodeKv, but etcd's missing/empty kv (an absent prevKv) becomes null. */
  decodeOptionalKv(kv: IKeyValue | null | undefined): KeyValue | null {
    return kv && kv.key && kv.key.length > 0 ? this.decodeKv(kv) : null;
  }
}
