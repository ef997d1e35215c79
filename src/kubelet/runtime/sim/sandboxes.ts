/** The simulated node's sandboxes, indexed by id and by pod UID (the kubelet lists sandboxes per pod on every sync). */
import { POD_UID_LABEL } from '../labels.js';
import type { PodSandbox, PodSandboxFilter, PodSandboxMetadata, PodSandboxState } from '../types.js';
import type { SimAnnotations } from './behaviour.js';

export interface SimSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostname: string;
  runtimeHandler?: string;
  /** Absent for host-network sandboxes and after stop. */
  ip?: string | undefined;
  sim: SimAnnotations;
  containers: Set<string>;
}

export class SandboxIndex {
  private readonly byId = new Map<string, SimSandbox>();
  private readonly byPodUid = new Map<string, Set<SimSandbox>>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SimSandbox | undefined {
    return this.byId.get(id);
  }

  add(s: SimSandbox): void {
    this.byId.set(s.id, s);
    const uid = s.labels[POD_UID_LABEL] ?? s.metadata.uid;
    let set = this.byPodUid.get(uid);
    if (!set) this.byPodUid.set(uid, (set = new Set()));
    set.add(s);
  }

  delete(s: SimSandbox): void {
    this.byId.delete(s.id);
    const uid = s.labels[POD_UID_LABEL] ?? s.metadata.uid;
    const set = this.byPodUid.get(uid);
    set?.delete(s);
    if (set?.size === 0) this.byPodUid.delete(uid);
  }

  /** A superset of the sandboxes matching `filter`, narrowed by id or pod UID when the filter names one. */
  candidates(filter: PodSandboxFilter): Iterable<SimSandbox> {
    if (filter.id !== undefined) {
      const s = this.byId.get(filter.id);
      return s ? [s] : [];
    }
    const uid = filter.labelSelector?.[POD_UID_LABEL];
    if (uid !== undefined) return this.byPodUid.get(uid) ?? [];
    return this.byId.values();
  }
}

/** The CRI view of a sandbox (shares the label and annotation maps; callers must not mutate them). */
export function toPodSandbox(s: SimSandbox): PodSandbox {
  const p: PodSandbox = {
    id: s.id,
    metadata: s.metadata,
    state: s.state,
    createdAt: s.createdAt,
    labels: s.labels,
    annotations: s.annotations,
  };
  if (s.runtimeHandler) p.runtimeHandler = s.runtimeHandler;
  return p;
}
