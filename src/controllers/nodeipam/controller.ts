/**
 * The `node-ipam-controller` with Kubernetes' RangeAllocator: every Node gets spec.podCIDR / spec.podCIDRs — one
 * subnet of each cluster CIDR (default 10.244.0.0/16 cut into /24s) — never the same subnet as another node.
 *
 * Guarantees:
 * - On start (caches synced, before any worker runs) every subnet already on a node, and the service range, is marked
 *   used, so restarts never hand out a subnet twice.
 * - A node keeps the subnets first chosen for it (remembered by node uid) until the write that records them succeeds,
 *   even when the cache has not caught up with that write yet.
 * - A deleted node's subnets are released, and nodes still waiting for one are retried.
 * - When no subnet is left, the node gets a `CIDRAssignmentFailed` Warning event and waits for one to be released.
 */
import type { Node } from '../../api/index.js';
import { WorkQueue, deletedObject, refs, type EventRecorder, type Lister, type ReconcileResult, type RestClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { quietConflicts, runUntilAborted } from '../endpoints/index.js';
import { CidrError, CidrSet, parseCidr } from './cidr-set.js';

export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
export const DEFAULT_NODE_CIDR_MASK_SIZE_IPV4 = 24;
export const DEFAULT_NODE_CIDR_MASK_SIZE_IPV6 = 64;

export interface RangeAllocatorOptions {
  /** --cluster-cidr (one per IP family; default 10.244.0.0/16). */
  clusterCIDRs?: readonly string[];
  /** --node-cidr-mask-size-ipv4 (default 24). */
  nodeCIDRMaskSizeIPv4?: number;
  /** --node-cidr-mask-size-ipv6 (default 64). */
  nodeCIDRMaskSizeIPv6?: number;
  /** --service-cluster-ip-range: never handed to nodes when it overlaps a cluster CIDR. */
  serviceCIDRs?: readonly string[];
}

/** The pod CIDRs a node has (podCIDRs, or the single podCIDR). */
export function podCIDRsOf(node: Readonly<Node>): string[] {
  if (node.spec?.podCIDRs?.length) return [...node.spec.podCIDRs];
  return node.spec?.podCIDR ? [node.spec.podCIDR] : [];
}

export class RangeAllocator {
  readonly sets: CidrSet[];
  readonly #d: { client: RestClient; nodes: Lister<Node>; recorder: EventRecorder; onReleased: () => void };
  /** node name → the subnets this allocator holds for it (and for which incarnation). */
  readonly #assigned = new Map<string, { uid: string; cidrs: string[] }>();

  constructor(deps: { client: RestClient; nodes: Lister<Node>; recorder: EventRecorder; onReleased?: () => void }, options: RangeAllocatorOptions = {}) {
    this.#d = { ...deps, onReleased: deps.onReleased ?? (() => undefined) };
    const cidrs = options.clusterCIDRs?.length ? options.clusterCIDRs : [DEFAULT_CLUSTER_CIDR];
    this.sets = cidrs.map((c) => new CidrSet(c, parseCidr(c).v6 ? (options.nodeCIDRMaskSizeIPv6 ?? DEFAULT_NODE_CIDR_MASK_SIZE_IPV6) : (options.nodeCIDRMaskSizeIPv4 ?? DEFAULT_NODE_CIDR_MASK_SIZE_IPV4)));
    for (const s of options.serviceCIDRs ?? []) for (const set of this.sets) set.occupy(s);
  }

  /** Marks the subnets of every node in the cache used (call once the cache has synced, before reconciling). */
  occupyExisting(): void {
    for (const node of this.#d.nodes.list()) this.#occupy(node);
  }

  #occupy(node: Readonly<Node>): void {
    const cidrs = podCIDRsOf(node);
    if (!cidrs.length) return;
    for (const c of cidrs) for (const set of this.sets) set.occupy(c);
    this.#assigned.set(node.metadata.name ?? '', { uid: node.metadata.uid ?? '', cidrs });
  }

  #release(name: string): void {
    const a = this.#assigned.get(name);
    if (!a) return;
    for (const c of a.cidrs) for (const set of this.sets) set.release(c);
    this.#assigned.delete(name);
    this.#d.onReleased();
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const node = this.#d.nodes.get({ namespace: '', name });
    if (!node) {
      this.#release(name);
      return;
    }
    if (podCIDRsOf(node).length) {
      this.#occupy(node);
      return;
    }
    let held = this.#assigned.get(name);
    if (held && held.uid !== (node.metadata.uid ?? '')) {
      this.#release(name);
      held = undefined;
    }
    if (!held) {
      const cidrs: string[] = [];
      try {
        for (const set of this.sets) cidrs.push(set.allocateNext());
      } catch (err) {
        if (!(err instanceof CidrError) || err.reason !== 'Full') throw err;
        for (const c of cidrs) for (const set of this.sets) set.release(c);
        this.#d.recorder.event(node, 'Warning', 'CIDRAssignmentFailed', `Node ${name} status is now: CIDRAssignmentFailed (${err.message})`);
        return;
      }
      held = { uid: node.metadata.uid ?? '', cidrs };
      this.#assigned.set(name, held);
    }
    try {
      await this.#d.client.resource<Node>(refs.nodes).patch({ namespace: '', name }, { spec: { podCIDR: held.cidrs[0], podCIDRs: held.cidrs } }, { type: 'merge' });
    } catch (err) {
      if (isNotFound(err)) {
        this.#release(name);
        return;
      }
      throw err;
    }
  }

  /** Names of cached nodes still without a pod CIDR. */
  waiting(): string[] {
    return this.#d.nodes
      .list()
      .filter((n) => !podCIDRsOf(n).length)
      .map((n) => n.metadata.name ?? '');
  }
}

export interface NodeIpamControllerOptions extends RangeAllocatorOptions {
  workers: number;
}

export function nodeIpamController(options: NodeIpamControllerOptions): Controller {
  return {
    name: 'node-ipam-controller',
    start(ctx: ControllerContext) {
      const nodes = ctx.informers.informerFor<Node>(refs.nodes);
      const queue = new WorkQueue<string>({ clock: ctx.clock, name: 'node_ipam' });
      const allocator: RangeAllocator = new RangeAllocator(
        { client: ctx.client, nodes: nodes.lister(), recorder: ctx.recorder('cidrAllocator'), onReleased: () => allocator.waiting().forEach((n) => queue.add(n)) },
        options,
      );
      nodes.addEventHandler({
        onAdd: (n) => queue.add(n.metadata.name ?? ''),
        onUpdate: (_o, n) => queue.add(n.metadata.name ?? ''),
        onDelete: (n) => queue.add(deletedObject(n).metadata.name ?? ''),
      });
      return async () => {
        allocator.occupyExisting();
        await runUntilAborted(ctx.signal, queue, () => queue.runWorkers(options.workers, (name) => allocator.reconcile(name), { onError: quietConflicts('node-ipam') }));
      };
    },
  };
}
