/**
 * From pod spec to CRI requests (kubernetes kuberuntime_sandbox.go generatePodSandboxConfig, kuberuntime_container.go
 * generateContainerConfig, kubelet_pods.go makeEnvironmentVariables / makeMounts): labels and annotations, hostname,
 * port mappings, log paths, environment (values and downward-API field refs), `$(VAR)` expansion, volume mounts.
 */
import type { Container, EnvVar, Pod, Volume } from '../../api/index.js';
import {
  CONTAINER_HASH_ANNOTATION,
  CONTAINER_KIND_ANNOTATION,
  CONTAINER_NAME_LABEL,
  CONTAINER_RESTART_COUNT_ANNOTATION,
  CONTAINER_TERMINATION_MESSAGE_PATH_ANNOTATION,
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_TERMINATION_GRACE_PERIOD_ANNOTATION,
  POD_UID_LABEL,
  type ContainerKind,
} from '../runtime/labels.js';
import type { ContainerConfig, KeyValue, Mount, PodSandboxConfig, PortMapping } from '../runtime/types.js';
import { hashContainer } from './runtime-status.js';

export const PODS_DIR = '/var/lib/kubelet/pods';
export const POD_LOGS_DIR = '/var/log/pods';

export function podLogDirectory(pod: Pod): string {
  const m = pod.metadata;
  return `${POD_LOGS_DIR}/${m.namespace ?? ''}_${m.name ?? ''}_${m.uid ?? ''}`;
}

function podLabels(pod: Pod): Record<string, string> {
  return {
    ...(pod.metadata.labels ?? {}),
    [POD_NAME_LABEL]: pod.metadata.name ?? '',
    [POD_NAMESPACE_LABEL]: pod.metadata.namespace ?? '',
    [POD_UID_LABEL]: pod.metadata.uid ?? '',
  };
}

/** The pod's hostname: spec.hostname, else its name, truncated to 63 characters like GeneratePodHostNameAndDomain. */
export function podHostname(pod: Pod): string {
  const name = pod.spec?.hostname || pod.metadata.name || '';
  return name.length > 63 ? name.slice(0, 63).replace(/[-.]+$/, '') : name;
}

export function generatePodSandboxConfig(pod: Pod, attempt: number): PodSandboxConfig {
  const portMappings: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      const m: PortMapping = { protocol: p.protocol ?? 'TCP', containerPort: p.containerPort };
      if (p.hostPort) m.hostPort = p.hostPort;
      if (p.hostIP) m.hostIp = p.hostIP;
      portMappings.push(m);
    }
  }
  return {
    metadata: {
      name: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? '',
      uid: pod.metadata.uid ?? '',
      attempt,
    },
    hostname: podHostname(pod),
    logDirectory: podLogDirectory(pod),
    portMappings,
    labels: podLabels(pod),
    annotations: pod.metadata.annotations ?? {},
    linux: { hostNetwork: pod.spec?.hostNetwork === true },
  };
}

const VOLUME_PLUGIN_DIRS: [keyof Volume, string][] = [
  ['emptyDir', 'kubernetes.io~empty-dir'],
  ['configMap', 'kubernetes.io~configmap'],
  ['secret', 'kubernetes.io~secret'],
  ['projected', 'kubernetes.io~projected'],
  ['downwardAPI', 'kubernetes.io~downward-api'],
  ['persistentVolumeClaim', 'kubernetes.io~csi'],
  ['csi', 'kubernetes.io~csi'],
  ['nfs', 'kubernetes.io~nfs'],
];

export class VolumeMountError extends Error {
  override readonly name = 'VolumeMountError';
}

/**
 * Where each of the pod's volumes lives on the node (the volume manager's mount points), by volume name. hostPath
 * volumes are their own path.
 */
export function mountVolumes(pod: Pod): Map<string, string> {
  const out = new Map<string, string>();
  const uid = pod.metadata.uid ?? '';
  for (const v of pod.spec?.volumes ?? []) {
    const hostPath = v.hostPath?.path;
    if (hostPath !== undefined) {
      out.set(v.name, hostPath);
      continue;
    }
    const plugin = VOLUME_PLUGIN_DIRS.find(([k]) => v[k] !== undefined)?.[1] ?? 'kubernetes.io~empty-dir';
    out.set(v.name, `${PODS_DIR}/${uid}/volumes/${plugin}/${v.name}`);
  }
  return out;
}

function containerMounts(pod: Pod, container: Container, volumes: Map<string, string>): Mount[] {
  const mounts: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const base = volumes.get(vm.name);
    if (base === undefined) {
      throw new VolumeMountError(`unable to find volume "${vm.name}" for container "${container.name}"`);
    }
    const m: Mount = { containerPath: vm.mountPath, hostPath: vm.subPath ? `${base}/${vm.subPath}` : base };
    if (vm.readOnly) m.readonly = true;
    if (vm.mountPropagation === 'HostToContainer') m.propagation = 'PROPAGATION_HOST_TO_CONTAINER';
    else if (vm.mountPropagation === 'Bidirectional') m.propagation = 'PROPAGATION_BIDIRECTIONAL';
    mounts.push(m);
  }
  const msgPath = container.terminationMessagePath ?? '/dev/termination-log';
  mounts.push({ containerPath: msgPath, hostPath: `${PODS_DIR}/${pod.metadata.uid ?? ''}/containers/${container.name}/termination-log` });
  return mounts;
}

function fieldRefValue(pod: Pod, fieldPath: string, ctx: { podIP?: string; hostIP: string; nodeName: string }): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!];
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? ctx.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName;
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP;
    default:
      return undefined;
  }
}

/** `$(VAR)` expansion of Kubernetes (expansion.Expand): `$$` escapes, unknown references stay as written. */
export function expandVars(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return env.get(name!) ?? m;
  });
}

/**
 * The container's environment, in order: literal values (expanded against earlier ones) and downward-API field refs.
 * configMap/secret references need the API and are resolved by no one yet: such variables are left out.
 */
export function makeEnvironment(pod: Pod, container: Container, ctx: { podIP?: string; hostIP: string; nodeName: string }): KeyValue[] {
  const env = new Map<string, string>();
  for (const e of container.env ?? ([] as EnvVar[])) {
    if (e.value !== undefined) env.set(e.name, expandVars(e.value, env));
    else if (e.valueFrom?.fieldRef) {
      const v = fieldRefValue(pod, e.valueFrom.fieldRef.fieldPath, ctx);
      if (v !== undefined) env.set(e.name, v);
    } else if (e.valueFrom === undefined) env.set(e.name, '');
  }
  return [...env].map(([key, value]) => ({ key, value }));
}

export interface ContainerConfigOptions {
  kind: ContainerKind;
  restartCount: number;
  imageRef: string;
  podIP?: string;
  hostIP: string;
  nodeName: string;
  volumes: Map<string, string>;
}

export function generateContainerConfig(pod: Pod, container: Container, o: ContainerConfigOptions): ContainerConfig {
  const envs = makeEnvironment(pod, container, o);
  const envMap = new Map(envs.map((e) => [e.key, e.value] as const));
  const config: ContainerConfig = {
    metadata: { name: container.name, attempt: o.restartCount },
    image: { image: o.imageRef, userSpecifiedImage: container.image ?? '' },
    envs,
    mounts: containerMounts(pod, container, o.volumes),
    labels: {
      [POD_NAME_LABEL]: pod.metadata.name ?? '',
      [POD_NAMESPACE_LABEL]: pod.metadata.namespace ?? '',
      [POD_UID_LABEL]: pod.metadata.uid ?? '',
      [CONTAINER_NAME_LABEL]: container.name,
    },
    annotations: {
      [CONTAINER_HASH_ANNOTATION]: hashContainer(container),
      [CONTAINER_RESTART_COUNT_ANNOTATION]: String(o.restartCount),
      [CONTAINER_TERMINATION_MESSAGE_PATH_ANNOTATION]: container.terminationMessagePath ?? '/dev/termination-log',
      [POD_TERMINATION_GRACE_PERIOD_ANNOTATION]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
      [CONTAINER_KIND_ANNOTATION]: o.kind,
    },
    logPath: `${container.name}/${o.restartCount}.log`,
  };
  if (container.command) config.command = container.command.map((a) => expandVars(a, envMap));
  if (container.args) config.args = container.args.map((a) => expandVars(a, envMap));
  if (container.workingDir) config.workingDir = container.workingDir;
  if (container.stdin) config.stdin = true;
  if (container.tty) config.tty = true;
  return config;
}
