/** For tests only: admission attributes and objects for the plugins in this folder. */
import type { KubeObject, Pod, PodSpec } from '../../api/index.js';
import type { AdmissionOperation } from '../registry/context.js';
import type { AdmissionAttributesWithWarnings } from './attributes.js';
import type { NamespacedLister } from './listers.js';
import type { NamespaceLookup } from './namespace-lifecycle.js';

export function pod(name: string, spec: Partial<PodSpec> = {}, meta: Partial<KubeObject['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  };
}

export interface AttrsOptions {
  operation?: AdmissionOperation;
  oldObject?: KubeObject | null;
  namespace?: string;
  group?: string;
  version?: string;
  kind?: string;
  resource?: string;
  subresource?: string;
  dryRun?: boolean;
}

/** Attributes for `obj` (a pod unless told otherwise), with an empty warnings list. */
export function attrsFor(obj: KubeObject | null, options: AttrsOptions = {}): AdmissionAttributesWithWarnings {
  const o = obj ?? options.oldObject ?? null;
  return {
    operation: options.operation ?? 'CREATE',
    object: obj,
    oldObject: options.oldObject ?? null,
    namespace: options.namespace ?? o?.metadata.namespace ?? '',
    name: o?.metadata.name ?? '',
    group: options.group ?? '',
    version: options.version ?? 'v1',
    kind: options.kind ?? 'Pod',
    resource: options.resource ?? 'pods',
    subresource: options.subresource ?? '',
    user: { username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'] },
    dryRun: options.dryRun ?? false,
    warnings: [],
  };
}

/** Namespaces by name with the given labels. */
export function namespaces(labels: Record<string, Record<string, string>>): NamespaceLookup {
  return {
    getNamespace: (name) =>
      Promise.resolve(
        Object.hasOwn(labels, name) ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels[name] } } } : null,
      ),
  };
}

/** A NamespacedLister over a mutable array (tests add and remove objects as they go). */
export class ArrayLister<T extends KubeObject> implements NamespacedLister<T> {
  constructor(readonly items: T[] = []) {}
  get(namespace: string, name: string): T | null {
    return this.items.find((o) => (o.metadata.namespace ?? '') === namespace && o.metadata.name === name) ?? null;
  }
  list(namespace: string): T[] {
    return this.items.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }
}
