/**
 * The Deployment controller (kubernetes pkg/controller/deployment/deployment_controller.go): rolls Deployments out
 * through ReplicaSets.
 *
 * Handlers only enqueue Deployment keys: Deployment add/update/delete; a ReplicaSet's controlling Deployment (on add,
 * update, delete — and the old controller too when the reference changed); for an orphan ReplicaSet every Deployment
 * of its namespace whose selector matches it; for a deleted pod of a Recreate deployment, that deployment once it has
 * no pods left.
 *
 * syncDeployment, in Kubernetes' order of precedence: gone → nothing; empty selector → warn, only observe the
 * generation; claim ReplicaSets (adopt matching orphans, release non-matching); being deleted → status only; record
 * paused/resumed; paused → scale only; deprecated rollback annotation → rollback; scaling event → scale; otherwise one
 * step of the strategy (Recreate / RollingUpdate).
 */
import type { Deployment, Pod, ReplicaSet } from '../../api/index.js';
import { applyDefaults } from '../../api/index.js';
import { NAMESPACE_INDEX, WorkQueue, deletedObject, refs, type DeletedFinalStateUnknown, type Lister, type ReconcileResult } from '../../client/index.js';
import { deepEqual, isConflict, keyOf, selectorFromLabelSelector, type ObjectKey, type Selector } from '../../machinery/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../context.js';
import { claimObjects, getControllerOf, recheckDeletionTimestamp, throwIfClaimFailed } from '../shared/controller-ref.js';
import { errorMessage } from '../shared/errors.js';
import { CONTROLLER_UID_INDEX, ownedAndOrphans, workloadIndexers } from '../shared/indexers.js';
import { DEPLOYMENT_KIND, recordEvent, type DeploymentDeps } from './deps.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { writeDeploymentStatus } from './status.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { strategyType } from './util/replicas.js';
import { ControllerError } from '../shared/errors.js';

export interface DeploymentControllerOptions {
  /** Concurrent syncs (Kubernetes' --concurrent-deployment-syncs, default 5). */
  workers?: number;
  /** Sync failures and unusable Deployments (default: console.warn). */
  onError?: (err: unknown, key?: ObjectKey) => void;
}

const GVK = { group: 'apps', version: 'v1', kind: 'Deployment' };

function selectorOf(d: Readonly<Deployment>): Selector | undefined {
  try {
    return selectorFromLabelSelector(d.spec?.selector);
  } catch {
    return undefined; // invalid selectors are rejected by validation; such a deployment selects nothing
  }
}

/** The Deployment a controller reference points to, if it exists with that uid. */
function resolveDeployment(dLister: Lister<Deployment>, obj: Readonly<ReplicaSet>): Readonly<Deployment> | undefined {
  const ref = getControllerOf(obj);
  if (!ref || ref.kind !== DEPLOYMENT_KIND.kind || ref.apiVersion.split('/')[0] !== 'apps') return undefined;
  const d = dLister.get({ namespace: obj.metadata.namespace ?? '', name: ref.name });
  return d && d.metadata.uid === ref.uid ? d : undefined;
}

/** getDeploymentsForReplicaSet: Deployments of the namespace whose non-empty selector matches the labels. */
function deploymentsMatching(dLister: Lister<Deployment>, obj: Readonly<ReplicaSet>): Readonly<Deployment>[] {
  const labels = obj.metadata.labels ?? {};
  if (Object.keys(labels).length === 0) return [];
  return dLister.byIndex(NAMESPACE_INDEX, obj.metadata.namespace ?? '').filter((d) => {
    const sel = selectorOf(d);
    return sel !== undefined && !sel.empty() && sel.matches(labels);
  });
}

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly #workers: number;
  readonly #onError: ((err: unknown, key?: ObjectKey) => void) | undefined;
  /** Set by start(); exposed for tests. */
  queue: WorkQueue<ObjectKey> | undefined;

  constructor(options: DeploymentControllerOptions = {}) {
    this.#workers = options.workers ?? 5;
    this.#onError = options.onError;
  }

  start(ctx: ControllerContext): () => Promise<void> {
    // Conflicts (a write raced another writer) are expected and retried: the default reporter stays quiet on them.
    const report =
      this.#onError ??
      ((err: unknown, key?: ObjectKey) => {
        if (!isConflict(err)) console.warn(`deployment-controller${key ? ` ${key.namespace}/${key.name}` : ''}: ${errorMessage(err)}`);
      });
    const dInformer = ctx.informers.informerFor<Deployment>(refs.deployments, { indexers: { [NAMESPACE_INDEX]: workloadIndexers[NAMESPACE_INDEX] } });
    const rsInformer = ctx.informers.informerFor<ReplicaSet>(refs.replicaSets, { indexers: workloadIndexers });
    const podInformer = ctx.informers.informerFor<Pod>(refs.pods, { indexers: workloadIndexers });
    const dLister = dInformer.lister();
    const rsLister = rsInformer.lister();
    const podLister = podInformer.lister();
    const queue = new WorkQueue<ObjectKey>({ clock: ctx.clock, name: 'deployment' });
    this.queue = queue;
    const enqueue = (d: Readonly<Deployment>) => queue.add(keyOf(d));

    dInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cur) => enqueue(cur), onDelete: (obj) => enqueue(deletedObject(obj)) });
    const onRS = (rs: Readonly<ReplicaSet>) => {
      const d = resolveDeployment(dLister, rs);
      if (d) enqueue(d);
      else if (!getControllerOf(rs)) for (const m of deploymentsMatching(dLister, rs)) enqueue(m);
    };
    rsInformer.addEventHandler({
      onAdd: (rs) => onRS(rs),
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        const oldRef = getControllerOf(old);
        const curRef = getControllerOf(cur);
        if (oldRef && oldRef.uid !== curRef?.uid) {
          const prev = resolveDeployment(dLister, old);
          if (prev) enqueue(prev);
        }
        if (curRef) {
          const d = resolveDeployment(dLister, cur);
          if (d) enqueue(d);
          return;
        }
        const labelChanged = !deepEqual(old.metadata.labels ?? {}, cur.metadata.labels ?? {});
        if (labelChanged || oldRef) for (const m of deploymentsMatching(dLister, cur)) enqueue(m);
      },
      onDelete: (obj) => {
        const d = resolveDeployment(dLister, deletedObject(obj));
        if (d) enqueue(d);
      },
    });
    podInformer.addEventHandler({
      onDelete: (obj: Readonly<Pod> | DeletedFinalStateUnknown<Pod>) => {
        const pod = deletedObject(obj);
        const ref = getControllerOf(pod);
        if (!ref || ref.kind !== 'ReplicaSet') return;
        const rs = rsLister.get({ namespace: pod.metadata.namespace ?? '', name: ref.name });
        if (!rs || rs.metadata.uid !== ref.uid) return;
        const d = resolveDeployment(dLister, rs);
        if (!d || strategyType(d) !== 'Recreate') return;
        const owned = rsLister.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid ?? '');
        const pods = owned.reduce((n, r) => n + podLister.byIndex(CONTROLLER_UID_INDEX, r.metadata.uid ?? '').length, 0);
        if (pods === 0) enqueue(d);
      },
    });

    const deps: DeploymentDeps = {
      dClient: ctx.client.resource<Deployment>(refs.deployments),
      rsClient: ctx.client.resource<ReplicaSet>(refs.replicaSets),
      rsLister,
      recorder: ctx.recorder('deployment-controller'),
      clock: ctx.clock,
    };
    const syncer = { deps, dLister, rsLister, podLister };
    return async () => {
      if (ctx.signal.aborted) return;
      ctx.signal.addEventListener('abort', () => queue.shutDown(), { once: true });
      await queue.runWorkers(this.#workers, (key) => syncDeployment(syncer, key), { onError: report });
    };
  }
}

/** What syncDeployment reads from and writes through. */
export interface DeploymentSyncer {
  deps: DeploymentDeps;
  dLister: Lister<Deployment>;
  rsLister: Lister<ReplicaSet>;
  podLister: Lister<Pod>;
}

/** getReplicaSetsForDeployment: claims the deployment's ReplicaSets (ours plus matching orphans). */
async function replicaSetsFor(s: DeploymentSyncer, d: Readonly<Deployment>, selector: Selector): Promise<Readonly<ReplicaSet>[]> {
  const key = keyOf(d);
  const { claimed, errors } = await claimObjects<ReplicaSet>(ownedAndOrphans(s.rsLister, d.metadata.uid ?? '', key.namespace), {
    controller: d,
    controllerKind: DEPLOYMENT_KIND,
    selector,
    canAdopt: recheckDeletionTimestamp(d, () => s.deps.dClient.get(key)),
    patch: async (rs, patch) => {
      await s.deps.rsClient.patch({ namespace: key.namespace, name: rs.metadata.name ?? '' }, patch, { type: 'strategic' });
    },
  });
  throwIfClaimFailed(`replica sets for deployment ${key.namespace}/${key.name}`, errors);
  return claimed;
}

/** getPodMapForDeployment: the deployment's pods (matching its selector) by controlling ReplicaSet uid. */
function podMapFor(s: DeploymentSyncer, rsList: readonly Readonly<ReplicaSet>[], selector: Selector): PodMap {
  const map = new Map<string, Readonly<Pod>[]>();
  for (const rs of rsList) {
    const uid = rs.metadata.uid ?? '';
    map.set(uid, s.podLister.byIndex(CONTROLLER_UID_INDEX, uid).filter((p) => selector.matches(p.metadata.labels ?? {})));
  }
  return map;
}

/** One pass over the Deployment `key`; see the module comment. */
export async function syncDeployment(s: DeploymentSyncer, key: ObjectKey): Promise<ReconcileResult> {
  const cached = s.dLister.get(key);
  if (!cached) return;
  const d = applyDefaults(GVK, structuredClone(cached)) as Deployment;
  if (deepEqual(d.spec?.selector ?? {}, {})) {
    recordEvent(s.deps, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status = { ...d.status, observedGeneration: d.metadata.generation ?? 0 };
      await writeDeploymentStatus(s.deps, d);
    }
    return;
  }
  const selector = selectorOf(d);
  if (!selector) return;
  const rsList = [...(await replicaSetsFor(s, d, selector))];
  if (d.metadata.deletionTimestamp) return syncStatusOnly(s.deps, d, rsList);
  await checkPausedConditions(s.deps, d);
  if (d.spec?.paused) return sync(s.deps, d, rsList);
  if (getRollbackTo(d) !== undefined) return rollback(s.deps, d, rsList);
  if (await isScalingEvent(s.deps, d, rsList)) return sync(s.deps, d, rsList);
  let requeueAfter: number | undefined;
  switch (strategyType(d)) {
    case 'Recreate':
      requeueAfter = await rolloutRecreate(s.deps, d, rsList, () => podMapFor(s, rsList, selector));
      break;
    case 'RollingUpdate':
      requeueAfter = await rolloutRolling(s.deps, d, rsList);
      break;
    default:
      throw new ControllerError('UnsupportedStrategy', `unexpected deployment strategy type: ${strategyType(d)}`);
  }
  return requeueAfter === undefined ? undefined : { requeueAfter };
}

/** The controller-manager factory for `deployment`. */
export const newDeploymentController: ControllerFactory = (options) => new DeploymentController({ workers: options.workers });
