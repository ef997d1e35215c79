/**
 * Pod defaulting: SetDefaults_PodSpec, SetDefaults_Container, probes, handlers, volumes (k8s.io/kubernetes
 * pkg/apis/core/v1/defaults.go and the +default markers of k8s.io/api core/v1), plus what only real Pods get.
 */
import { type Obj, defaultResourceList, ensureObj, isObj, objAt, objsAt, defaultFields, defaultStrings } from './util.js';

/** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 0o644;

/**
 * The tag ParseImageName finds: the part after ':' in the last path segment, 'latest' when there is neither tag nor
 * digest, '' when there is only a digest or the reference does not parse (upper case, empty).
 */
export function imageTag(image: string): string {
  if (!image) return '';
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const last = ref.slice(slash + 1);
  const colon = last.indexOf(':');
  const name = slash >= 0 ? `${ref.slice(0, slash)}/${colon >= 0 ? last.slice(0, colon) : last}` : colon >= 0 ? last.slice(0, colon) : last;
  const parts = name.split('/');
  const first = parts[0]!;
  const repo = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost') ? parts.slice(1) : parts;
  // Repository names must be lower case; such a reference does not parse and has no tag.
  if (repo.some((p) => p !== p.toLowerCase() || p === '')) return '';
  if (colon >= 0) return last.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultHTTPGet(action: Obj | undefined): void {
  if (!action) return;
  defaultStrings(action, { path: '/', scheme: 'HTTP' });
}

function defaultProbe(probe: Obj | undefined): void {
  if (!probe) return;
  for (const [k, v] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (!probe[k]) probe[k] = v;
  }
  defaultHTTPGet(objAt(probe, 'httpGet'));
  const grpc = objAt(probe, 'grpc');
  if (grpc) defaultFields(grpc, { service: '' });
}

function defaultFieldRef(ref: Obj | undefined): void {
  if (ref) defaultStrings(ref, { apiVersion: 'v1' });
}

function defaultResourceFieldRef(ref: Obj | undefined): void {
  if (ref) defaultFields(ref, { divisor: '0' });
}

/** SetDefaults_Container (and what hangs off a container). */
function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  defaultStrings(c, { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  // ResourceRequirements is a non-pointer struct: Kubernetes always serializes it, empty as `{}`.
  const resources = ensureObj(c, 'resources');
  if (resources) {
    defaultResourceList(resources.limits);
    defaultResourceList(resources.requests);
  }
  for (const port of objsAt(c, 'ports')) defaultStrings(port, { protocol: 'TCP' });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(objAt(c, probe));
  const lifecycle = objAt(c, 'lifecycle');
  if (lifecycle) {
    for (const hook of ['postStart', 'preStop']) {
      const h = objAt(lifecycle, hook);
      if (h) defaultHTTPGet(objAt(h, 'httpGet'));
    }
  }
  for (const env of objsAt(c, 'env')) {
    const from = objAt(env, 'valueFrom');
    if (!from) continue;
    defaultFieldRef(objAt(from, 'fieldRef'));
    defaultResourceFieldRef(objAt(from, 'resourceFieldRef'));
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

function defaultDownwardAPIItems(items: Obj[]): void {
  for (const item of items) {
    defaultFieldRef(objAt(item, 'fieldRef'));
    defaultResourceFieldRef(objAt(item, 'resourceFieldRef'));
  }
}

/** SetDefaults_Volume and the volume sources' defaulters. */
function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => isObj(v[s]))) v.emptyDir = {};
  const hostPath = objAt(v, 'hostPath');
  if (hostPath) defaultFields(hostPath, { type: '' });
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = objAt(v, s);
    if (src) defaultFields(src, { defaultMode: DEFAULT_MODE });
  }
  const downward = objAt(v, 'downwardAPI');
  if (downward) defaultDownwardAPIItems(objsAt(downward, 'items'));
  const projected = objAt(v, 'projected');
  for (const source of projected ? objsAt(projected, 'sources') : []) {
    const token = objAt(source, 'serviceAccountToken');
    if (token) defaultFields(token, { expirationSeconds: 3600 });
    const d = objAt(source, 'downwardAPI');
    if (d) defaultDownwardAPIItems(objsAt(d, 'items'));
  }
}

/** SetDefaults_PodSpec and everything nested in it. Shared by Pods and pod templates. */
export function defaultPodSpec(spec: Obj): void {
  defaultStrings(spec, { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' });
  defaultFields(spec, { securityContext: {}, terminationGracePeriodSeconds: 30 });
  defaultStrings(spec, { schedulerName: 'default-scheduler' });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) for (const c of objsAt(spec, list)) defaultContainer(c);
  for (const v of objsAt(spec, 'volumes')) defaultVolume(v);
  defaultResourceList(spec.overhead);
}

/**
 * A pod template (in a Deployment, ReplicaSet, ...): spec defaults, and `metadata.creationTimestamp: null`, which is
 * how Kubernetes serializes the template's zero-valued ObjectMeta.
 */
export function defaultPodTemplate(template: Obj): void {
  const meta = ensureObj(template, 'metadata');
  if (meta && !('creationTimestamp' in meta)) meta.creationTimestamp = null;
  const spec = objAt(template, 'spec');
  if (spec) defaultPodSpec(spec);
}

/**
 * SetDefaults_Pod plus the spec defaults, plus the two fields Kubernetes' Priority admission plugin fills for a pod
 * without a priority class (`priority: 0`, `preemptionPolicy: PreemptLowerPriority`).
 */
export function defaultPod(pod: Obj): void {
  const spec = objAt(pod, 'spec');
  if (!spec) return;
  // Requests default to limits for every resource with a limit but no request (Pods only, not templates).
  for (const list of ['containers', 'initContainers']) {
    for (const c of objsAt(spec, list)) {
      const res = objAt(c, 'resources');
      const limits = res ? objAt(res, 'limits') : undefined;
      if (!res || !limits) continue;
      const requests = ensureObj(res, 'requests');
      if (requests) for (const [k, v] of Object.entries(limits)) defaultFields(requests, { [k]: v });
    }
  }
  defaultFields(spec, { enableServiceLinks: true });
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of objsAt(spec, list)) for (const p of objsAt(c, 'ports')) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
  if (!spec.priorityClassName) {
    defaultFields(spec, { priority: 0 });
    defaultStrings(spec, { preemptionPolicy: 'PreemptLowerPriority' });
  }
}
