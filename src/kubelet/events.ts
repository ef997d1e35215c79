/**
 * Event reasons (kubernetes pkg/kubelet/events/event.go) and the object references the kubelet attaches them to.
 */
import type { Container, ObjectReference, Pod } from '../api/index.js';
import type { EventSink, EventType } from './sinks.js';

export const EventReason = {
  CreatedContainer: 'Created',
  StartedContainer: 'Started',
  FailedToCreateContainer: 'Failed',
  FailedToStartContainer: 'Failed',
  KillingContainer: 'Killing',
  BackOffStartContainer: 'BackOff',
  ExceededGracePeriod: 'ExceededGracePeriod',
  PullingImage: 'Pulling',
  PulledImage: 'Pulled',
  FailedToPullImage: 'Failed',
  FailedToInspectImage: 'InspectFailed',
  ErrImageNeverPullPolicy: 'ErrImageNeverPull',
  BackOffPullImage: 'BackOff',
  ContainerUnhealthy: 'Unhealthy',
  ContainerProbeWarning: 'ProbeWarning',
  FailedPostStartHook: 'FailedPostStartHook',
  FailedPreStopHook: 'FailedPreStopHook',
  FailedCreatePodSandBox: 'FailedCreatePodSandBox',
  FailedStatusPodSandBox: 'FailedPodSandBoxStatus',
  SandboxChanged: 'SandboxChanged',
  FailedToKillPod: 'FailedKillPod',
  NodeReady: 'NodeReady',
  NodeNotReady: 'NodeNotReady',
  StartingKubelet: 'Starting',
  NodeHasSufficientMemory: 'NodeHasSufficientMemory',
  NodeHasInsufficientMemory: 'NodeHasInsufficientMemory',
  NodeHasNoDiskPressure: 'NodeHasNoDiskPressure',
  NodeHasDiskPressure: 'NodeHasDiskPressure',
  NodeHasSufficientPID: 'NodeHasSufficientPID',
  NodeHasInsufficientPID: 'NodeHasInsufficientPID',
  NodeAllocatableEnforced: 'NodeAllocatableEnforced',
} as const;

/** format.Pod: `name_namespace(uid)`, how the kubelet names pods in messages. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** A reference to the pod itself. */
export function podRef(pod: Pod): ObjectReference {
  const ref: ObjectReference = { kind: 'Pod', apiVersion: 'v1' };
  if (pod.metadata.namespace !== undefined) ref.namespace = pod.metadata.namespace;
  if (pod.metadata.name !== undefined) ref.name = pod.metadata.name;
  if (pod.metadata.uid !== undefined) ref.uid = pod.metadata.uid;
  if (pod.metadata.resourceVersion !== undefined) ref.resourceVersion = pod.metadata.resourceVersion;
  return ref;
}

/** GenerateContainerRef: the pod with `fieldPath` naming the container (`spec.initContainers{x}` for init ones). */
export function containerRef(pod: Pod, container: Pick<Container, 'name'>): ObjectReference {
  const init = pod.spec?.initContainers?.some((c) => c.name === container.name) ?? false;
  return { ...podRef(pod), fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${container.name}}` };
}

/** A thin helper over an EventSink for one pod. */
export class PodEvents {
  constructor(private readonly sink: EventSink) {}

  pod(pod: Pod, type: EventType, reason: string, message: string): void {
    this.sink.emit({ involvedObject: podRef(pod), type, reason, message });
  }

  container(pod: Pod, container: Pick<Container, 'name'>, type: EventType, reason: string, message: string): void {
    this.sink.emit({ involvedObject: containerRef(pod, container), type, reason, message });
  }
}
