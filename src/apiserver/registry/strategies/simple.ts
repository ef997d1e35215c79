/** Strategies that differ from the base only in their field selectors or small create rules. */
import { coreToEventsV1, eventsV1FieldName, eventsV1ToCore, type KubeObject, type ResourceInfo } from '../../../api/index.js';
import type { Strategy } from '../strategy.js';
import { baseStrategy } from './base.js';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function eventStrategy(info: ResourceInfo): Strategy {
  const fields = [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ];
  return baseStrategy(info, {
    fieldSelectorFields: fields,
    selectableFields(obj: KubeObject) {
      const io = (obj.involvedObject ?? {}) as Record<string, unknown>;
      const src = (obj.source ?? {}) as Record<string, unknown>;
      return {
        'involvedObject.kind': str(io.kind),
        'involvedObject.namespace': str(io.namespace),
        'involvedObject.name': str(io.name),
        'involvedObject.uid': str(io.uid),
        'involvedObject.apiVersion': str(io.apiVersion),
        'involvedObject.resourceVersion': str(io.resourceVersion),
        'involvedObject.fieldPath': str(io.fieldPath),
        reason: str(obj.reason),
        reportingComponent: str(obj.reportingComponent),
        source: str(src.component) || str(obj.reportingComponent),
        type: str(obj.type),
      };
    },
  });
}

/**
 * events.k8s.io/v1 Events: one storage with core/v1 Events, as in Kubernetes — an Event written through either API
 * is read, listed and watched through both. Field selectors are the core ones under their events.k8s.io names
 * (`regarding.name`, `reportingController`, `deprecatedSource`, `reason`, `type`).
 */
export function eventsV1Strategy(info: ResourceInfo): Strategy {
  const core = eventStrategy(info);
  return baseStrategy(info, {
    fieldSelectorFields: core.fieldSelectorFields.map(eventsV1FieldName),
    selectableFields(obj: KubeObject) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(core.selectableFields(eventsV1ToCore(obj)))) out[eventsV1FieldName(k)] = v;
      return out;
    },
    storageShape: { toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 },
  });
}

export function nodeStrategy(info: ResourceInfo): Strategy {
  return baseStrategy(info, {
    fieldSelectorFields: ['spec.unschedulable'],
    // Kubelets register nodes with their status filled in.
    prepareForCreate() {},
    selectableFields: (obj) => ({ 'spec.unschedulable': String((obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false) }),
  });
}

export function secretStrategy(info: ResourceInfo): Strategy {
  return baseStrategy(info, {
    fieldSelectorFields: ['type'],
    selectableFields: (obj) => ({ type: str(obj.type) }),
  });
}

export function replicaSetStrategy(info: ResourceInfo): Strategy {
  return baseStrategy(info, {
    fieldSelectorFields: ['status.replicas'],
    selectableFields: (obj) => ({ 'status.replicas': str((obj.status as { replicas?: number } | undefined)?.replicas ?? 0) }),
  });
}

export function namespaceStrategy(info: ResourceInfo): Strategy {
  return baseStrategy(info, {
    fieldSelectorFields: ['status.phase'],
    prepareForCreate(obj) {
      obj.status = { phase: 'Active' };
      const spec = (obj.spec ??= {}) as { finalizers?: string[] };
      if (!spec.finalizers?.includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
    },
    selectableFields: (obj) => ({ 'status.phase': str((obj.status as { phase?: string } | undefined)?.phase) }),
    // A namespace stays (Terminating) until the namespace controller has emptied it and cleared spec.finalizers.
    holdsDeletion: (obj) => !!(obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length,
    markDeleting(obj) {
      obj.status = { ...((obj.status as object | undefined) ?? {}), phase: 'Terminating' };
    },
  });
}
