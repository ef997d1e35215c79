/**
 * Labels and annotations the kubelet puts on CRI sandboxes and containers (kubernetes pkg/kubelet/kuberuntime/labels.go),
 * so that the runtime's own records say which pod and container each object belongs to.
 */

export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';

export const CONTAINER_HASH_ANNOTATION = 'io.kubernetes.container.hash';
export const CONTAINER_RESTART_COUNT_ANNOTATION = 'io.kubernetes.container.restartCount';
export const CONTAINER_TERMINATION_MESSAGE_PATH_ANNOTATION = 'io.kubernetes.container.terminationMessagePath';
export const POD_TERMINATION_GRACE_PERIOD_ANNOTATION = 'io.kubernetes.pod.terminationGracePeriod';
/**
 * skiff's own: `init` for init containers, `regular` otherwise. CRI has no such field; SimRuntime needs it to let
 * init containers run to completion by default.
 */
export const CONTAINER_KIND_ANNOTATION = 'skiff.io/container-kind';

export type ContainerKind = 'init' | 'regular';
