/**
 * Classifies what etcd (through etcd3 and gRPC) reports into the few outcomes the store maps to StoreError codes.
 * etcd signals Compacted and FutureRevision only through its wire error descriptions (rpctypes), so these are
 * matched on etcd's stable error strings, exactly as etcd's own clientv3 does; skiff code above tests StoreError codes.
 */
import { isBrokenCircuitError } from 'cockatiel';
import { ClientClosedError, GRPCInvalidArgumentError } from 'etcd3';

export type EtcdFailure =
  | { kind: 'compacted' }
  | { kind: 'future' }
  | { kind: 'invalid'; message: string }
  | { kind: 'closed' }
  | { kind: 'unavailable'; message: string };

/** etcd's rpctypes descriptions (api/v3rpc/rpctypes/error.go). */
const COMPACTED = 'required revision has been compacted';
const FUTURE = 'required revision is a future revision';
const INVALID = [
  'duplicate key given in txn request',
  'too many operations in txn request',
  'request is too large',
  'key is not provided',
  'value is provided',
];

export function classifyEtcdError(err: unknown): EtcdFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes(COMPACTED)) return { kind: 'compacted' };
  if (message.includes(FUTURE)) return { kind: 'future' };
  if (err instanceof ClientClosedError) return { kind: 'closed' };
  if (err instanceof GRPCInvalidArgumentError || INVALID.some((s) => message.includes(s))) return { kind: 'invalid', message };
  if (err instanceof Error && isBrokenCircuitError(err)) return { kind: 'unavailable', message: 'no etcd endpoint is reachable' };
  return { kind: 'unavailable', message };
}
