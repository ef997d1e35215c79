/**
 * The framework's Reserve → Permit → (WaitOnPermit → PreBind → Bind → PostBind) extension points. Guarantees:
 * - Unreserve runs in reverse plugin order and never throws (a throwing plugin is skipped, the rest still run).
 * - A pod held at Permit waits at most the smallest timeout any plugin asked for, capped at 15 minutes.
 * - Bind tries bind plugins in order until one does not Skip; with none willing, the result is an Error.
 */
import type { Clock } from '../../machinery/index.js';
import * as I from './interface.js';
import { Code, Status, isSuccess } from './status.js';
import { WaitingPodImpl, WaitingPodsMap } from './waiting-pods.js';

/** The longest a pod may wait at Permit (maxTimeout in framework.go). */
export const MAX_PERMIT_TIMEOUT_MS = 15 * 60 * 1000;

function wrapError(s: Status, at: { what: string; plugin: string }): Status {
  const { what, plugin } = at;
  return new Status(Code.Error, [`running ${what} plugin "${plugin}": ${s.message()}`], { plugin, cause: s.cause });
}

export class BindingPhases {
  readonly reservePlugins: I.ReservePlugin[];
  readonly permitPlugins: I.PermitPlugin[];
  readonly preBindPlugins: I.PreBindPlugin[];
  readonly bindPlugins: I.BindPlugin[];
  readonly postBindPlugins: I.PostBindPlugin[];
  readonly waitingPods = new WaitingPodsMap();

  constructor(
    plugins: readonly I.Plugin[],
    private readonly clock: Clock,
  ) {
    this.reservePlugins = plugins.filter(I.isReserve);
    this.permitPlugins = plugins.filter(I.isPermit);
    this.preBindPlugins = plugins.filter(I.isPreBind);
    this.bindPlugins = plugins.filter(I.isBind);
    this.postBindPlugins = plugins.filter(I.isPostBind);
  }

  /** RunReservePluginsReserve: stops at the first failure. */
  reserve(state: I.CycleState, nodeName: string): Status | null {
    for (const pl of this.reservePlugins) {
      let s: Status | null;
      try {
        s = pl.reserve(state, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (isSuccess(s)) continue;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      return wrapError(s!, { what: 'Reserve', plugin: pl.name });
    }
    return null;
  }

  /** RunReservePluginsUnreserve: every plugin, in reverse order. Returns the errors plugins threw. */
  unreserve(state: I.CycleState, nodeName: string): unknown[] {
    const errors: unknown[] = [];
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) {
      try {
        this.reservePlugins[i]!.unreserve(state, nodeName);
      } catch (err) {
        errors.push(err);
      }
    }
    return errors;
  }

  /**
   * RunPermitPlugins: a rejection ends it; when some plugins ask to wait and none rejects, the pod becomes a waiting
   * pod and the result is a Wait status.
   */
  permit(state: I.CycleState, nodeName: string): Status | null {
    const waits = new Map<string, number>();
    for (const pl of this.permitPlugins) {
      let s: Status | null;
      try {
        s = pl.permit(state, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (isSuccess(s)) continue;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      if (s!.isWait()) {
        waits.set(pl.name, Math.min(Math.max(0, s!.timeoutMs), MAX_PERMIT_TIMEOUT_MS));
        continue;
      }
      return wrapError(s!, { what: 'Permit', plugin: pl.name });
    }
    if (waits.size === 0) return null;
    this.waitingPods.add(new WaitingPodImpl(state.pod, { clock: this.clock, waits }));
    return new Status(Code.Wait, ['one or more plugins asked to wait and no plugin rejected pod']);
  }

  /** True when the pod is held at Permit. */
  willWaitOnPermit(key: string): boolean {
    return this.waitingPods.get(key) !== undefined;
  }

  /** WaitOnPermit: resolves when the waiting pod (if any) is allowed or rejected. */
  async waitOnPermit(state: I.CycleState): Promise<Status | null> {
    const wp = this.waitingPods.get(state.pod.key);
    if (!wp) return null;
    const s = await wp.done;
    this.waitingPods.remove(state.pod.key);
    return s.isSuccess() ? null : s;
  }

  async preBind(state: I.CycleState, nodeName: string): Promise<Status | null> {
    for (const pl of this.preBindPlugins) {
      let s: Status | null;
      try {
        s = await pl.preBind(state, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (isSuccess(s) || s!.isSkip()) continue;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      return wrapError(s!, { what: 'PreBind', plugin: pl.name });
    }
    return null;
  }

  async bind(state: I.CycleState, nodeName: string): Promise<Status | null> {
    for (const pl of this.bindPlugins) {
      let s: Status | null;
      try {
        s = await pl.bind(state, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (s?.isSkip()) continue;
      if (isSuccess(s)) return null;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      return new Status(Code.Error, [`bind status: ${codeLabel(s!)}, ${s!.message()}`], { plugin: pl.name, cause: s!.cause });
    }
    return new Status(Code.Error, ['no bind plugin bound the pod']);
  }

  /** RunPostBindPlugins: informational; returns the errors plugins threw. */
  postBind(state: I.CycleState, nodeName: string): unknown[] {
    const errors: unknown[] = [];
    for (const pl of this.postBindPlugins) {
      try {
        pl.postBind(state, nodeName);
      } catch (err) {
        errors.push(err);
      }
    }
    return errors;
  }
}

function codeLabel(s: Status): string {
  return s.code === Code.Error ? 'Error' : String(s.code);
}
