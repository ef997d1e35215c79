/**
 * How objects are kept in the store: JSON without `metadata.resourceVersion` (the store's modRevision is the
 * resourceVersion, set on the way out), exactly as kube-apiserver's etcd3 store does with its versioner.
 */
import type { KubeObject } from '../../api/index.js';
import { internalError } from '../../machinery/index.js';
import type { KeyValue } from '../../store/index.js';

export function encodeForStorage(obj: KubeObject): string {
  const rv = obj.metadata.resourceVersion;
  if (rv === undefined) return JSON.stringify(obj);
  delete obj.metadata.resourceVersion;
  try {
    return JSON.stringify(obj);
  } finally {
    obj.metadata.resourceVersion = rv;
  }
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
