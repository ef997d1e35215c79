/**
 * NamespaceLifecycle (Kubernetes' admission plugin of that name): nothing is created in a namespace that does not
 * exist or is being terminated, and the system namespaces cannot be deleted.
 */
import type { KubeObject } from '../../api/index.js';
import { ApiError, notFound } from '../../machinery/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import type { AdmissionPlugin } from './chain.js';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

export interface NamespaceLookup {
  /** The namespace object, or null when it does not exist. */
  getNamespace(name: string): Promise<KubeObject | null>;
}

export function namespaceLifecycle(lookup: NamespaceLookup): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    async validate(a: AdmissionAttributes) {
      if (a.resource === 'namespaces' && a.group === '') {
        if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(a.name)) {
          throw new ApiError(403, 'Forbidden', `namespaces "${a.name}" is forbidden: this namespace may not be deleted`, {
            name: a.name,
            kind: 'namespaces',
          });
        }
        return;
      }
      if (a.operation !== 'CREATE' || !a.namespace) return;
      const ns = await lookup.getNamespace(a.namespace);
      if (!ns) throw notFound({ group: '', resource: 'namespaces' }, a.namespace);
      const phase = (ns.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Terminating' || ns.metadata.deletionTimestamp) {
        const gr = a.group ? `${a.resource}.${a.group}` : a.resource;
        throw new ApiError(403, 'Forbidden', `${gr} "${a.name}" is forbidden: unable to create new content in namespace ${a.namespace} because it is being terminated`, {
          name: a.name,
          group: a.group,
          kind: a.resource,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }],
        });
      }
    },
  };
}
