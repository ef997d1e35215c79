/**
 * Event handlers (eventhandlers.go), seed flow step 9: route every pod and node change to the cache or the queue.
 * - Unassigned pods this scheduler is responsible for go to the queue; assigned, non-terminal pods go to the cache.
 * - A pod crossing from unassigned to assigned (its binding landed) leaves the queue and enters the cache, which
 *   confirms the assumption.
 * - Node and assigned-pod changes move unschedulable pods whose rejecting plugins care about the change.
 */
import type { Node, Pod } from '../api/index.js';
import { CacheError } from './cache/cache.js';
import type { SchedulerCore } from './core.js';
import { AssignedPodDelete, AssignedPodUpdate, NodeAdd, nodeUpdateEvent } from './framework/events.js';
import { PodInfo, podKey } from './framework/pod-info.js';
import type { ClusterEventHandlers } from './interfaces.js';

/** An assigned pod the scheduler must account for: bound to a node and not finished. */
export function isAssignedActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

export interface HandlerDeps {
  core: SchedulerCore;
  /** True when one of this scheduler's profiles handles the pod's schedulerName. */
  responsibleFor: (pod: Pod) => boolean;
}

function isUnassigned(pod: Pod): boolean {
  return !pod.spec?.nodeName;
}

export function newEventHandlers(deps: HandlerDeps): ClusterEventHandlers {
  const { core, responsibleFor } = deps;
  const queueable = (pod: Pod) => isUnassigned(pod) && responsibleFor(pod);

  const addToCache = (pod: Pod) => {
    try {
      core.cache.addPod(PodInfo.of(pod));
    } catch (err) {
      if (!(err instanceof CacheError)) throw err;
      core.onError(err, 'scheduler cache AddPod failed');
    }
    core.queue.assignedPodAdded(pod);
  };

  const removeFromCache = (pod: Pod) => {
    try {
      core.cache.removePod(PodInfo.of(pod));
    } catch (err) {
      if (!(err instanceof CacheError)) throw err;
      core.onError(err, 'scheduler cache RemovePod failed');
    }
    core.queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete);
  };

  const rejectWaiting = (pod: Pod) => {
    const fwk = core.frameworkFor(pod);
    fwk?.getWaitingPod(podKey(pod))?.reject('', 'removed');
  };

  return {
    onPodAdd(pod) {
      if (isAssignedActive(pod)) addToCache(pod);
      else if (queueable(pod)) {
        core.tracer?.step(pod, 'watch', { event: 'ADDED' });
        core.queue.add(pod);
      }
    },

    onPodUpdate(oldPod, newPod) {
      const wasCached = isAssignedActive(oldPod);
      const isCached = isAssignedActive(newPod);
      if (wasCached && isCached) {
        try {
          core.cache.updatePod(PodInfo.of(oldPod), PodInfo.of(newPod));
        } catch (err) {
          if (!(err instanceof CacheError)) throw err;
          core.onError(err, 'scheduler cache UpdatePod failed');
        }
        core.queue.moveAllToActiveOrBackoffQueue(AssignedPodUpdate);
        return;
      }
      if (wasCached && !isCached) removeFromCache(oldPod);
      if (!wasCached && isCached) {
        if (queueable(oldPod)) core.queue.delete(oldPod);
        addToCache(newPod);
        return;
      }
      if (queueable(newPod)) {
        if (oldPod.metadata.resourceVersion && oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
        if (core.cache.isAssumedPod(podKey(newPod))) return;
        core.queue.update(oldPod, newPod);
      } else if (queueable(oldPod)) {
        core.queue.delete(oldPod);
      }
    },

    onPodDelete(pod) {
      if (isAssignedActive(pod)) {
        removeFromCache(pod);
        return;
      }
      if (!isUnassigned(pod)) return;
      core.queue.delete(pod);
      rejectWaiting(pod);
      if (core.cache.isAssumedPod(podKey(pod))) {
        try {
          core.cache.removePod(PodInfo.of(pod));
        } catch (err) {
          if (!(err instanceof CacheError)) throw err;
          core.onError(err, 'scheduler cache RemovePod failed');
        }
        core.queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete);
      }
    },

    onNodeAdd(node: Node) {
      core.cache.addNode(node);
      core.queue.moveAllToActiveOrBackoffQueue(NodeAdd);
    },

    onNodeUpdate(oldNode: Node, newNode: Node) {
      core.cache.updateNode(oldNode, newNode);
      const ev = nodeUpdateEvent(oldNode, newNode);
      if (ev) core.queue.moveAllToActiveOrBackoffQueue(ev);
    },

    onNodeDelete(node: Node) {
      try {
        core.cache.removeNode(node);
      } catch (err) {
        if (!(err instanceof CacheError)) throw err;
        core.onError(err, 'scheduler cache RemoveNode failed');
      }
    },
  };
}
