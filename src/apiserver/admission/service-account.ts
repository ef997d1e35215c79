/**
 * ServiceAccount (Kubernetes' admission plugin of that name), for pods on create:
 * - a pod without `serviceAccountName` runs as `default`;
 * - the service account must exist, else 403 `error looking up service account <ns>/<name>: serviceaccount "<name>"
 *   not found` (a missing `default` account is looked up again a few times first: the namespace controller creates it
 *   right after the namespace, and a pod created at once should not fail for that);
 * - unless the pod or the account says `automountServiceAccountToken: false`, a projected `kube-api-access-<5 random>`
 *   volume (a bound token that expires in 3607 s, the cluster CA from the `kube-root-ca.crt` ConfigMap, and the
 *   namespace) is added and mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container and
 *   init container that does not already mount something there;
 * - a pod without imagePullSecrets gets the account's.
 * Mirror pods (static pods the kubelet publishes) are never mutated and may not name a service account.
 */
import type { Container, Pod, ServiceAccount, Volume } from '../../api/index.js';
import { type Clock, generateNameSuffix } from '../../machinery/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import { type AsyncMutatorValidator, admissionForbidden, isCoreResource } from './attributes.js';
import type { NamespacedLister } from './listers.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour plus seven seconds. */
export const BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface ServiceAccountAdmissionDeps {
  serviceAccounts: NamespacedLister<ServiceAccount>;
  clock: Clock;
  /** The 5-character suffix of the token volume's name (default: Kubernetes' random name suffix). */
  nameSuffix?: () => string;
  /** Lookups of the `default` account before giving up (Kubernetes: 10); other accounts are looked up once. */
  defaultAccountAttempts?: number;
  /** Pause between those lookups (default 150 ms). */
  retryIntervalMs?: number;
}

/** TokenVolumeSource: the projected volume Kubernetes mounts for API access. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: BOUND_TOKEN_EXPIRATION_SECONDS } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function shouldAutomount(sa: Readonly<ServiceAccount>, pod: Pod): boolean {
  if (pod.spec?.automountServiceAccountToken !== undefined) return pod.spec.automountServiceAccountToken;
  if (sa.automountServiceAccountToken !== undefined) return sa.automountServiceAccountToken;
  return true;
}

function mountToken(pod: Pod, suffix: () => string): void {
  const spec = pod.spec!;
  const volumes = spec.volumes ?? [];
  const existing = volumes.find((v) => v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing?.name ?? SERVICE_ACCOUNT_VOLUME_PREFIX + suffix();
  let needed = false;
  const mount = (c: Container) => {
    const mounts = c.volumeMounts ?? [];
    if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return;
    c.volumeMounts = [...mounts, { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
    needed = true;
  };
  for (const c of spec.initContainers ?? []) mount(c);
  for (const c of spec.containers ?? []) mount(c);
  if (!existing && needed) spec.volumes = [...volumes, tokenVolume(volumeName)];
}

function isMirrorPod(pod: Pod): boolean {
  return Object.hasOwn(pod.metadata.annotations ?? {}, MIRROR_POD_ANNOTATION);
}

export function serviceAccountAdmission(deps: ServiceAccountAdmissionDeps): AsyncMutatorValidator {
  const suffix = deps.nameSuffix ?? (() => generateNameSuffix());
  const attempts = Math.max(1, deps.defaultAccountAttempts ?? 10);
  const interval = deps.retryIntervalMs ?? 150;

  async function lookup(a: AdmissionAttributes, name: string): Promise<Readonly<ServiceAccount>> {
    const tries = name === DEFAULT_SERVICE_ACCOUNT ? attempts : 1;
    for (let i = 0; i < tries; i++) {
      if (i > 0) await deps.clock.sleep(interval);
      const sa = await deps.serviceAccounts.get(a.namespace, name);
      if (sa) return sa;
    }
    throw admissionForbidden(a, `error looking up service account ${a.namespace}/${name}: serviceaccount ${JSON.stringify(name)} not found`);
  }

  const applies = (a: AdmissionAttributes): a is AdmissionAttributes & { object: Pod } =>
    isCoreResource(a, 'pods') && a.operation === 'CREATE' && a.object !== null;

  return {
    name: 'ServiceAccount',
    async mutate(a) {
      if (!applies(a)) return;
      const pod = a.object;
      if (isMirrorPod(pod)) return;
      const spec = (pod.spec ??= { containers: [] });
      if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
      const sa = await lookup(a, spec.serviceAccountName);
      if (shouldAutomount(sa, pod)) mountToken(pod, suffix);
      if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) {
        spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
      }
    },
    async validate(a) {
      if (!applies(a)) return;
      const pod = a.object;
      if (isMirrorPod(pod)) {
        if (pod.spec?.serviceAccountName) throw admissionForbidden(a, 'a mirror pod may not reference service accounts');
        if ((pod.spec?.volumes ?? []).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken))) {
          throw admissionForbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections');
        }
        return;
      }
      // A later mutating webhook may have renamed the account; it must still exist.
      const name = pod.spec?.serviceAccountName;
      if (name) await lookup(a, name);
    },
  };
}
