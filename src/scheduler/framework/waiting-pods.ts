/**
 * Pods held at Permit (framework/runtime/waiting_pods_map.go). A waiting pod resolves exactly once: Success when
 * every plugin that asked it to wait has allowed it, or Unschedulable when any plugin rejects it or its wait times out.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { WaitingPod } from './interface.js';
import type { PodInfo } from './pod-info.js';
import { Code, Status } from './status.js';

export class WaitingPodImpl implements WaitingPod {
  private readonly pending = new Map<string, Timer>();
  private settled = false;
  private resolveFn!: (s: Status) => void;
  /** Resolves with Success or an Unschedulable status naming the plugin. */
  readonly done: Promise<Status>;

  constructor(
    readonly pod: PodInfo,
    deps: { clock: Clock; waits: ReadonlyMap<string, number> },
  ) {
    this.done = new Promise<Status>((resolve) => (this.resolveFn = resolve));
    for (const [plugin, ms] of deps.waits) {
      const timer = deps.clock.setTimeout(() => this.reject(plugin, `rejected due to timeout after waiting ${ms / 1000}s at plugin ${plugin}`), ms);
      this.pending.set(plugin, timer);
    }
  }

  pendingPlugins(): string[] {
    return [...this.pending.keys()];
  }

  allow(plugin: string): void {
    const t = this.pending.get(plugin);
    if (!t || this.settled) return;
    t.cancel();
    this.pending.delete(plugin);
    if (this.pending.size === 0) this.settle(Status.success());
  }

  reject(plugin: string, message: string): void {
    if (this.settled) return;
    this.settle(new Status(Code.Unschedulable, [message], { plugin }));
  }

  private settle(s: Status): void {
    this.settled = true;
    for (const t of this.pending.values()) t.cancel();
    this.pending.clear();
    this.resolveFn(s);
  }
}

/** Waiting pods by pod key. */
export class WaitingPodsMap {
  private readonly pods = new Map<string, WaitingPodImpl>();

  add(wp: WaitingPodImpl): void {
    this.pods.set(wp.pod.key, wp);
  }

  remove(key: string): void {
    this.pods.delete(key);
  }

  get(key: string): WaitingPodImpl | undefined {
    return this.pods.get(key);
  }

  values(): IterableIterator<WaitingPodImpl> {
    return this.pods.values();
  }
}
