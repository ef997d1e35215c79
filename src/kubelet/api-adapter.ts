/**
 * The kubelet's seams wired to the API through the client package (what cmd/ uses):
 * - PodSource: a pods informer with `fieldSelector=spec.nodeName=<node>` (step 13's WATCH);
 * - StatusSink: a merge PATCH of pods/{name}/status that also clears the status fields the kubelet dropped (step 15);
 * - onTerminated: DELETE with gracePeriodSeconds 0 and a UID precondition (the confirmation ending step 14's deletion);
 * - NodeStatusSink: POST and GET nodes, strategic merge PATCH nodes/{name}/status, and the Lease in kube-node-lease;
 * - EventSink: the client's EventRecorder (component `kubelet`, host = node name).
 */
import { isAlreadyExists, isNotFound } from '../machinery/index.js';
import type { Lease, Node, Pod, PodStatus } from '../api/index.js';
import { deletedObject, refs, type EventRecorder, type RestClient, type SharedInformerFactory } from '../client/index.js';
import type { EventSink, NodeStatusSink, PodSource, StatusSink } from './sinks.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The pods bound to `nodeName`, from the factory's informer (start the factory after subscribing). */
export function informerPodSource(factory: SharedInformerFactory, nodeName: string): PodSource {
  const informer = factory.informerFor<Pod>(refs.pods, { fieldSelector: `spec.nodeName=${nodeName}` });
  return {
    subscribe(handler) {
      const reg = informer.addEventHandler({
        onAdd: (pod) => handler.onAdd(pod),
        onUpdate: (oldPod, newPod) => handler.onUpdate(oldPod, newPod),
        onDelete: (pod) => handler.onDelete(deletedObject(pod)),
      });
      return () => reg.remove();
    },
  };
}

/** A merge patch replacing `status` with `next`: fields of `previous` that `next` lacks are set to null. */
export function statusMergePatch(uid: string | undefined, previous: PodStatus | undefined, next: PodStatus): Record<string, unknown> {
  const status: Record<string, unknown> = { ...next };
  for (const k of Object.keys(previous ?? {})) if (!(k in status)) status[k] = null;
  return { metadata: uid ? { uid } : {}, status };
}

export function apiStatusSink(client: RestClient): StatusSink {
  const pods = client.resource<Pod>(refs.pods);
  return {
    async patchPodStatus(pod, status) {
      const key = { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' };
      await pods.patch(key, statusMergePatch(pod.metadata.uid, pod.status, status), { type: 'merge', subresource: 'status' });
    },
  };
}

/** The kubelet's `onTerminated`: deletes the pod with grace period 0 (a pod already gone is fine). */
export function apiPodDeleter(client: RestClient): (pod: Pod) => Promise<void> {
  const pods = client.resource<Pod>(refs.pods);
  return async (pod) => {
    try {
      await pods.delete(
        { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
        { gracePeriodSeconds: 0, ...(pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}) },
      );
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  };
}

export function apiNodeStatusSink(client: RestClient): NodeStatusSink {
  const nodes = client.resource<Node>(refs.nodes);
  const leases = client.resource<Lease>(refs.leases);
  return {
    async registerNode(node) {
      try {
        await nodes.create(node);
        return { created: true };
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        return { created: false };
      }
    },
    getNode(nodeName) {
      return nodes.get({ namespace: '', name: nodeName });
    },
    async patchNodeStatus(nodeName, patch) {
      await nodes.patch({ namespace: '', name: nodeName }, patch, { type: 'strategic', subresource: 'status' });
    },
    async renewLease(nodeName, options) {
      const key = { namespace: NODE_LEASE_NAMESPACE, name: nodeName };
      const spec = { holderIdentity: nodeName, leaseDurationSeconds: options.leaseDurationSeconds, renewTime: options.renewTime };
      try {
        await leases.patch(key, { spec }, { type: 'merge' });
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await leases.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: nodeName, namespace: NODE_LEASE_NAMESPACE },
          spec,
        });
      }
    },
  };
}

/** Events through the client's recorder, with the involved object's reference as built (incl. a container's fieldPath). */
export function recorderEventSink(recorder: EventRecorder): EventSink {
  return {
    emit(event) {
      const ref = event.involvedObject;
      const obj = { ...ref, apiVersion: ref.apiVersion ?? 'v1', kind: ref.kind ?? 'Pod', name: ref.name ?? '' };
      recorder.event(obj, event.type, event.reason, event.message);
    },
  };
}
