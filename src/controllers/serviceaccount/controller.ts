/**
 * The ServiceAccounts controller and the root-CA publisher (kube-controller-manager's `serviceaccount` and
 * `root-ca-cert-publisher`): every active namespace gets a `default` ServiceAccount (pods are refused without one)
 * and a `kube-root-ca.crt` ConfigMap holding the cluster CA (mounted by every pod's service-account token volume).
 * Level-triggered: namespace, ServiceAccount and ConfigMap events enqueue the namespace; reconcile creates what is
 * missing and restores the CA data when it was changed.
 */
import type { ConfigMap, KubeObject, Namespace, ServiceAccount } from '../../api/index.js';
import { WorkQueue, deletedObject, refs } from '../../client/index.js';
import { isAlreadyExists, isNotFound } from '../../machinery/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../context.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** What a namespace lacks: the default ServiceAccount, and/or the root-CA ConfigMap (or its data is stale). */
export function missingInNamespace(
  ns: Readonly<Namespace> | undefined,
  has: { serviceAccount: boolean; configMap: Readonly<ConfigMap> | undefined },
  caPem: string | undefined,
): { serviceAccount: boolean; configMap: 'create' | 'update' | null } {
  const active = !!ns && !ns.metadata.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';
  if (!active) return { serviceAccount: false, configMap: null };
  let configMap: 'create' | 'update' | null = null;
  if (caPem !== undefined) {
    if (!has.configMap) configMap = 'create';
    else if ((has.configMap.data as Record<string, string> | undefined)?.['ca.crt'] !== caPem) configMap = 'update';
  }
  return { serviceAccount: !has.serviceAccount, configMap };
}

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount';
  constructor(private readonly o: { workers: number; caPem?: string }) {}

  start(ctx: ControllerContext): () => Promise<void> {
    const nsInf = ctx.informers.informerFor<Namespace>(refs.namespaces);
    const saInf = ctx.informers.informerFor<ServiceAccount>(refs.serviceAccounts);
    const cmInf = ctx.informers.informerFor<ConfigMap>(refs.configMaps);
    const queue = new WorkQueue<string>({ clock: ctx.clock, name: 'serviceaccount' });
    const byNs = (o: Readonly<KubeObject>) => queue.add(o.metadata.namespace ?? '');
    nsInf.addEventHandler({ onAdd: (n) => queue.add(n.metadata.name ?? ''), onUpdate: (_o, n) => queue.add(n.metadata.name ?? '') });
    saInf.addEventHandler({ onDelete: (o) => byNs(deletedObject(o)) });
    cmInf.addEventHandler({ onUpdate: (_o, c) => c.metadata.name === ROOT_CA_CONFIGMAP && byNs(c), onDelete: (o) => byNs(deletedObject(o)) });
    const sas = ctx.client.resource<ServiceAccount>(refs.serviceAccounts);
    const cms = ctx.client.resource<ConfigMap>(refs.configMaps);

    const reconcile = async (namespace: string) => {
      const ns = nsInf.lister().get({ namespace: '', name: namespace });
      const cm = cmInf.lister().get({ namespace, name: ROOT_CA_CONFIGMAP });
      const need = missingInNamespace(ns, { serviceAccount: !!saInf.lister().get({ namespace, name: DEFAULT_SERVICE_ACCOUNT }), configMap: cm }, this.o.caPem);
      try {
        if (need.serviceAccount) {
          await sas.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } });
        }
        if (need.configMap === 'create') {
          await cms.create({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
            data: { 'ca.crt': this.o.caPem! },
          });
        } else if (need.configMap === 'update') {
          await cms.patch({ namespace, name: ROOT_CA_CONFIGMAP }, { data: { 'ca.crt': this.o.caPem! } }, { type: 'merge' });
        }
      } catch (err) {
        // Racing another writer or a namespace being deleted: the next event reconciles again.
        if (isAlreadyExists(err) || isNotFound(err)) return;
        throw err;
      }
    };
    return async () => {
      if (ctx.signal.aborted) return;
      ctx.signal.addEventListener('abort', () => queue.shutDown(), { once: true });
      await queue.runWorkers(this.o.workers, reconcile, { onError: (err) => console.warn(`serviceaccount-controller: ${err instanceof Error ? err.message : String(err)}`) });
    };
  }
}

/** Factory for the controller manager; the root-CA ConfigMap is published only when the CA is known. */
export const newServiceAccountController: ControllerFactory = (options) =>
  new ServiceAccountController({ workers: options.workers, ...(options.rootCaPem ? { caPem: options.rootCaPem } : {}) });
