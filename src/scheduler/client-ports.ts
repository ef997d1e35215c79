/**
 * The scheduler's ports implemented with client/: shared informers for all pods and all nodes feed the
 * SchedulerSource; binding is POST pods/{name}/binding; status writes are strategic-merge PATCHes of pods/status;
 * preemption deletes are DELETEs with a UID precondition; events go through the EventRecorder.
 *
 * The composition root (cmd/) owns the RestClient, the informer factory and the recorder, and their lifecycles.
 */
import { objectKey, type Clock } from '../machinery/index.js';
import type { Binding, Node, Pod } from '../api/index.js';
import { deletedObject, refs, type EventRecorder, type RestClient, type SharedInformerFactory } from '../client/index.js';
import type { Binder, ClusterEventHandlers, EventSink, PodStatusPatch, PodWriter, SchedulerSource } from './interfaces.js';

export interface ClientPortsOptions {
  client: RestClient;
  informers: SharedInformerFactory;
  recorder: EventRecorder;
  clock?: Clock;
}

export interface SchedulerPorts {
  source: SchedulerSource;
  binder: Binder;
  events: EventSink;
  podWriter: PodWriter;
}

const keyOfPod = (pod: Pod) => objectKey(pod.metadata.namespace ?? '', pod.metadata.name ?? '');

/** The Binding object the scheduler posts for `pod` (seed flow step 11). */
export function bindingFor(pod: Pod, nodeName: string): Binding {
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}) },
    target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
  };
}

/**
 * The pods/status patch for `patch`, or undefined when nothing would change (the condition already says the same,
 * and the nomination already has the value). The condition's lastTransitionTime moves only when its status changes.
 */
export function statusPatchFor(pod: Pod, patch: PodStatusPatch, opts: { now: string }): Record<string, unknown> | undefined {
  const now = opts.now;
  const status: Record<string, unknown> = {};
  const c = patch.condition;
  if (c) {
    const cur = pod.status?.conditions?.find((x) => x.type === c.type);
    const same = cur && cur.status === c.status && (cur.reason ?? '') === (c.reason ?? '') && (cur.message ?? '') === (c.message ?? '');
    if (!same) {
      const lastTransitionTime = cur && cur.status === c.status ? (cur.lastTransitionTime ?? now) : now;
      status.conditions = [{ ...c, lastProbeTime: null, lastTransitionTime }];
    }
  }
  if (patch.nominatedNodeName !== undefined && patch.nominatedNodeName !== (pod.status?.nominatedNodeName ?? '')) {
    status.nominatedNodeName = patch.nominatedNodeName === '' ? null : patch.nominatedNodeName;
  }
  return Object.keys(status).length > 0 ? { status } : undefined;
}

export function schedulerPortsFromClient(opts: ClientPortsOptions): SchedulerPorts {
  const pods = opts.client.resource<Pod>(refs.pods);
  const clock = opts.clock ?? opts.client.clock;
  const source: SchedulerSource = {
    subscribe(handlers: ClusterEventHandlers) {
      const nodeReg = opts.informers.informerFor<Node>(refs.nodes).addEventHandler({
        onAdd: (n) => handlers.onNodeAdd(n as Node),
        onUpdate: (o, n) => handlers.onNodeUpdate(o as Node, n as Node),
        onDelete: (n) => handlers.onNodeDelete(deletedObject(n) as Node),
      });
      const podReg = opts.informers.informerFor<Pod>(refs.pods).addEventHandler({
        onAdd: (p) => handlers.onPodAdd(p as Pod),
        onUpdate: (o, p) => handlers.onPodUpdate(o as Pod, p as Pod),
        onDelete: (p) => handlers.onPodDelete(deletedObject(p) as Pod),
      });
      opts.informers.start();
      return () => {
        podReg.remove();
        nodeReg.remove();
      };
    },
  };
  const binder: Binder = {
    async bind(pod, nodeName) {
      await pods.createSubresource(keyOfPod(pod), 'binding', bindingFor(pod, nodeName));
    },
  };
  const events: EventSink = {
    event(regarding, info) {
      opts.recorder.event(regarding, info.type, info.reason, info.message);
    },
  };
  const podWriter: PodWriter = {
    async patchPodStatus(pod, patch) {
      const body = statusPatchFor(pod, patch, { now: new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') });
      if (!body) return;
      await pods.patch(keyOfPod(pod), body, { type: 'strategic', subresource: 'status' });
    },
    async deletePod(pod) {
      await pods.delete(keyOfPod(pod), pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {});
    },
  };
  return { source, binder, events, podWriter };
}
