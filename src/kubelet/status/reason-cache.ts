/**
 * ReasonCache (kubernetes pkg/kubelet/reason_cache.go): why each container last failed to start, shown as its waiting
 * reason and message (ErrImagePull, ImagePullBackOff, CrashLoopBackOff, CreateContainerError, …) until a start succeeds.
 */

export interface WaitingReason {
  reason: string;
  message: string;
}

export class ReasonCache {
  private readonly byPod = new Map<string, Map<string, WaitingReason>>();

  get(podUid: string, container: string): WaitingReason | undefined {
    return this.byPod.get(podUid)?.get(container);
  }

  set(podUid: string, container: string, reason: WaitingReason): void {
    let m = this.byPod.get(podUid);
    if (!m) this.byPod.set(podUid, (m = new Map()));
    m.set(container, reason);
  }

  delete(podUid: string, container: string): void {
    const m = this.byPod.get(podUid);
    if (!m) return;
    m.delete(container);
    if (m.size === 0) this.byPod.delete(podUid);
  }

  removePod(podUid: string): void {
    this.byPod.delete(podUid);
  }
}
