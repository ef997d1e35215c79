/**
 * The objects a pod makes its node read — the edges Kubernetes' node authorizer graph draws from a pod
 * (plugin/pkg/auth/authorizer/node/graph_populator.go via podutil.VisitPodSecretNames / VisitPodConfigmapNames):
 * secrets and config maps from volumes (including projected sources and CSI node-publish secrets), env, envFrom and
 * imagePullSecrets of every container kind; claims from persistentVolumeClaim volumes and the `<pod>-<volume>` claims
 * of generic ephemeral volumes; the pod's service account. Pure; tolerant of malformed specs.
 */
import type { Container, Pod } from '../../api/index.js';

export interface PodReferences {
  secrets: Set<string>;
  configMaps: Set<string>;
  claims: Set<string>;
  serviceAccount: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function addName(set: Set<string>, v: unknown): void {
  const s = str(v);
  if (s) set.add(s);
}

export function podReferences(pod: Readonly<Pod>): PodReferences {
  const refs: PodReferences = { secrets: new Set(), configMaps: new Set(), claims: new Set(), serviceAccount: '' };
  const spec: Record<string, unknown> = isObj(pod.spec) ? pod.spec : {};
  refs.serviceAccount = str(spec.serviceAccountName) || str(spec.serviceAccount);
  for (const s of objs(spec.imagePullSecrets)) addName(refs.secrets, s.name);
  const containers = [...objs(spec.initContainers), ...objs(spec.containers), ...objs(spec.ephemeralContainers)] as Partial<Container>[];
  for (const c of containers) {
    for (const from of objs(c.envFrom)) {
      if (isObj(from.secretRef)) addName(refs.secrets, from.secretRef.name);
      if (isObj(from.configMapRef)) addName(refs.configMaps, from.configMapRef.name);
    }
    for (const env of objs(c.env)) {
      const vf = isObj(env.valueFrom) ? env.valueFrom : {};
      if (isObj(vf.secretKeyRef)) addName(refs.secrets, vf.secretKeyRef.name);
      if (isObj(vf.configMapKeyRef)) addName(refs.configMaps, vf.configMapKeyRef.name);
    }
  }
  const podName = str(pod.metadata?.name);
  for (const v of objs(spec.volumes)) {
    if (isObj(v.secret)) addName(refs.secrets, v.secret.secretName);
    if (isObj(v.configMap)) addName(refs.configMaps, v.configMap.name);
    if (isObj(v.persistentVolumeClaim)) addName(refs.claims, v.persistentVolumeClaim.claimName);
    if (isObj(v.ephemeral) && podName && str(v.name)) refs.claims.add(`${podName}-${str(v.name)}`);
    if (isObj(v.csi) && isObj(v.csi.nodePublishSecretRef)) addName(refs.secrets, v.csi.nodePublishSecretRef.name);
    if (isObj(v.projected)) {
      for (const src of objs(v.projected.sources)) {
        if (isObj(src.secret)) addName(refs.secrets, src.secret.name);
        if (isObj(src.configMap)) addName(refs.configMaps, src.configMap.name);
      }
    }
    // Legacy in-tree sources that name a secret (cephfs, rbd, iscsi, flexVolume, azureFile, scaleIO, storageos, ...).
    for (const [key, src] of Object.entries(v)) {
      if (key === 'csi' || !isObj(src)) continue;
      if (isObj(src.secretRef)) addName(refs.secrets, src.secretRef.name);
      if (key === 'azureFile') addName(refs.secrets, src.secretName);
    }
  }
  return refs;
}
