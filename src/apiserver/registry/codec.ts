/**
 * How objects are kept in the store: JSON without `metadata.resourceVersion` (the store's modRevision is the
 * resourceVersion, set on the way out), exactly as kube-apiserver's etcd3 store does with its versioner.
 */
import type { KubeObject } from '../../api/index.js';
import { internalError, requestEntityTooLarge } from '../../machinery/index.js';
import type { KeyValue } from '../../store/index.js';

/** The largest object the store accepts (etcd's default request limit, which Kubernetes inherits). */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

export function encodeForStorage(obj: KubeObject): string {
  const rv = obj.metadata.resourceVersion;
  delete obj.metadata.resourceVersion;
  let json: string;
  try {
    json = JSON.stringify(obj);
  } finally {
    if (rv !== undefined) obj.metadata.resourceVersion = rv;
  }
  if (json.length > MAX_OBJECT_BYTES && Buffer.byteLength(json) > MAX_OBJECT_BYTES) {
    throw requestEntityTooLarge(`object is ${Buffer.byteLength(json)} bytes; limit is ${MAX_OBJECT_BYTES}`);
  }
  return json;
}

export function decodeFromStorage(kv: Pick<KeyValue, 'key' | 'value' | 'modRevision'>): KubeObject {
  let obj: KubeObject;
  try {
    obj = JSON.parse(kv.value) as KubeObject;
  } catch (err) {
    throw internalError(new Error(`stored object at ${kv.key} is not valid JSON: ${(err as Error).message}`));
  }
  if (typeof obj !== 'object' || obj === null || typeof obj.metadata !== 'object' || obj.metadata === null) {
    throw internalError(new Error(`stored object at ${kv.key} has no metadata`));
  }
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}
