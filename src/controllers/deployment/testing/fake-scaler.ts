/** A ReplicaSetScaler that records every write instead of sending it (the fake clientset of Kubernetes' tests). */
import type { ReplicaSet } from '../../../api/index.js';
import { specReplicas } from '../../shared/replicasets.js';
import type { ReplicaSetScaler, ScalingOperation } from '../scale.js';

export class FakeScaler implements ReplicaSetScaler {
  readonly writes: Array<{ name: string; replicas: number; op: ScalingOperation }> = [];
  /** Names whose write fails. */
  readonly failing = new Set<string>();

  async scaleReplicaSet(rs: Readonly<ReplicaSet>, newScale: number, _d: unknown, op: ScalingOperation) {
    const name = rs.metadata.name ?? '';
    if (this.failing.has(name)) throw new Error(`update of ${name} refused`);
    this.writes.push({ name, replicas: newScale, op });
    const updated: ReplicaSet = { ...structuredClone(rs), spec: { ...rs.spec!, replicas: newScale } };
    return { scaled: specReplicas(rs) !== newScale, rs: updated };
  }

  /** The last size written for each ReplicaSet, falling back to `initial`. */
  sizes(initial: readonly Readonly<ReplicaSet>[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of initial) out[r.metadata.name ?? ''] = specReplicas(r);
    for (const w of this.writes) out[w.name] = w.replicas;
    return out;
  }
}
