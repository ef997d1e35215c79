/**
 * Pods: created Pending with their QoS class; field selectors on node, phase and more (the kubelet's and scheduler's
 * watches use spec.nodeName); graceful deletion (a scheduled, running pod stays Terminating for its grace period
 * until the kubelet confirms).
 */
import type { KubeObject, ResourceInfo } from '../../../api/index.js';
import type { DeleteOptions, Strategy } from '../strategy.js';
import { baseStrategy } from './base.js';

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}
interface ContainerLike {
  resources?: Resources;
}

/** Kubernetes' QoS classes (pkg/apis/core/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  const needed = ['cpu', 'memory'];
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of needed) {
      const hasReq = req[r] !== undefined && !isZero(req[r]!);
      const hasLim = lim[r] !== undefined && !isZero(lim[r]!);
      if (hasReq || hasLim) any = true;
      if (!hasLim) guaranteed = false;
      else if (hasReq && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function isZero(q: string): boolean {
  return /^[+-]?0*(\.0*)?([a-zA-Z]*|[eE][-+]?[0-9]+)?$/.test(q.trim());
}

export const POD_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
] as const;

export function podStrategy(info: ResourceInfo): Strategy {
  const base = baseStrategy(info);
  return {
    ...base,
    fieldSelectorFields: POD_FIELDS,
    prepareForCreate(obj) {
      obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
    },
    selectableFields(obj) {
      const spec = (obj.spec ?? {}) as Record<string, unknown>;
      const status = (obj.status ?? {}) as Record<string, unknown>;
      return {
        'spec.nodeName': String(spec.nodeName ?? ''),
        'spec.restartPolicy': String(spec.restartPolicy ?? ''),
        'spec.schedulerName': String(spec.schedulerName ?? ''),
        'spec.serviceAccountName': String(spec.serviceAccountName ?? ''),
        'spec.hostNetwork': String(spec.hostNetwork ?? false),
        'status.phase': String(status.phase ?? ''),
        'status.podIP': String(status.podIP ?? ''),
        'status.nominatedNodeName': String(status.nominatedNodeName ?? ''),
      };
    },
    gracePeriod(obj: KubeObject, opts: DeleteOptions): number {
      const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
      const phase = (obj.status as { phase?: string } | undefined)?.phase;
      // Unscheduled or finished pods have nothing to stop: delete at once (Kubernetes' CheckGracefulDelete).
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
      if (opts.gracePeriodSeconds !== undefined) return opts.gracePeriodSeconds < 0 ? 1 : opts.gracePeriodSeconds;
      return spec.terminationGracePeriodSeconds ?? 30;
    },
  };
}
