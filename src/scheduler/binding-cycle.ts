/**
 * The binding cycle (seed flow step 11), run off the main loop after a successful scheduling cycle:
 *   waitOnPermit → runPreBind → bind (→ finishBinding, `Scheduled` event) → runPostBind
 * Any failure: Unreserve, forget the assumed pod (its space frees up, so other pods are retried), then the failure
 * handler requeues the pod with backoff.
 */
import { AssignedPodDelete } from './framework/events.js';
import { FitError, addPluginStatus, newDiagnosis } from './framework/diagnosis.js';
import type { SchedulingFramework } from './framework/runtime.js';
import { Status } from './framework/status.js';
import type { StepContext } from './core.js';
import { handleSchedulingFailure } from './failure.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';
import type { CycleFailure, CycleSuccess } from './schedule-one.js';

/** Step: wait until every Permit plugin that asked to wait allowed the pod. */
export async function waitOnPermit(fwk: SchedulingFramework, c: CycleSuccess): Promise<CycleFailure | undefined> {
  const s = await fwk.binding.waitOnPermit(c.state);
  if (!s) return undefined;
  if (!s.isRejected()) return { status: s, nominatedNodeName: '' };
  const d = newDiagnosis();
  d.nodeToStatus.set(c.host, s);
  addPluginStatus(d, s);
  const fitError = new FitError(1, d);
  return { status: new Status(s.code, [fitError.message], { plugin: s.plugin }), fitError, nominatedNodeName: '' };
}

/** Step: PreBind plugins. */
export async function runPreBind(fwk: SchedulingFramework, c: CycleSuccess): Promise<Status | null> {
  return fwk.binding.preBind(c.state, c.host);
}

/** Step: Bind plugins, then FinishBinding in the cache and the `Scheduled` event on success. */
export async function bind(ctx: StepContext, c: CycleSuccess): Promise<Status | null> {
  const { core, fwk } = ctx;
  const s = await fwk.binding.bind(c.state, c.host);
  core.cache.finishBinding(c.assumed);
  if (s) return s;
  const pod = c.assumed.pod;
  core.events?.event(pod, {
    type: 'Normal',
    reason: 'Scheduled',
    action: 'Binding',
    message: `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${c.host}`,
  });
  core.tracer?.step(pod, 'bind', { node: c.host });
  return null;
}

/** Step: PostBind plugins (informational). */
export function runPostBind(ctx: StepContext, c: CycleSuccess): void {
  for (const err of ctx.fwk.binding.postBind(c.state, c.host)) ctx.core.onError(err, 'postBind');
}

/** handleBindingCycleError: undo the reservation and assumption, tell the queue space freed up, requeue the pod. */
export function handleBindingCycleError(ctx: StepContext, opts: { c: CycleSuccess; qp: QueuedPodInfo; failure: CycleFailure }): void {
  const { core, fwk } = ctx;
  const { c, qp, failure } = opts;
  for (const err of fwk.binding.unreserve(c.state, c.host)) core.onError(err, 'unreserve');
  let forgot = true;
  try {
    core.cache.forgetPod(c.assumed);
  } catch (err) {
    forgot = false;
    core.onError(err, 'scheduler cache ForgetPod failed');
  }
  if (forgot) {
    // The assumed pod's resources are free again: like an assigned pod's deletion.
    const self = c.assumed.key;
    core.queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, failure.status.isRejected() ? (p) => p.podInfo.key !== self : undefined);
  }
  handleSchedulingFailure(ctx, { qp, failure });
}

/** bindingCycle: resolves when the pod is bound or requeued; never rejects. */
export async function bindingCycle(ctx: StepContext, opts: { c: CycleSuccess; qp: QueuedPodInfo }): Promise<void> {
  const { core, fwk } = ctx;
  const { c, qp } = opts;
  let failure: CycleFailure | undefined;
  try {
    failure = await waitOnPermit(fwk, c);
    if (!failure) {
      const pre = await runPreBind(fwk, c);
      if (pre) failure = { status: pre, nominatedNodeName: '' };
    }
    if (!failure) {
      const bound = await bind(ctx, c);
      if (bound) failure = { status: bound, nominatedNodeName: '' };
    }
  } catch (err) {
    failure = { status: Status.error(err), nominatedNodeName: '' };
  }
  if (failure) {
    handleBindingCycleError(ctx, { c, qp, failure });
    return;
  }
  core.queue.done(c.assumed.key);
  runPostBind(ctx, c);
}
