/**
 * handleSchedulingFailure (schedule_one.go): requeue the pod, record the `FailedScheduling` event with the
 * aggregated reason, and write the PodScheduled=False condition and nomination to the pod's status.
 */
import type { StepContext } from './core.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';
import type { CycleFailure } from './schedule-one.js';

/** NoteLengthLimit: events.k8s.io notes are at most 1 KiB. */
export const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

export function handleSchedulingFailure(ctx: StepContext, opts: { qp: QueuedPodInfo; failure: CycleFailure }): void {
  const core = ctx.core;
  const { qp, failure } = opts;
  const status = failure.status;
  const reason = status.isRejected() ? 'Unschedulable' : 'SchedulerError';
  qp.unschedulablePlugins = failure.fitError ? new Set(failure.fitError.diagnosis.unschedulablePlugins) : new Set();
  core.queue.addUnschedulableIfNotPresent(qp);
  const pod = qp.podInfo.pod;
  if (failure.nominatedNodeName !== undefined) core.queue.nominator.add(qp.podInfo, failure.nominatedNodeName);
  const message = status.message();
  core.tracer?.step(pod, 'failed', { reason, message });
  core.events?.event(pod, { type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', message: truncateMessage(message) });
  if (!core.podWriter) return;
  const nominatedNodeName =
    failure.nominatedNodeName !== undefined && failure.nominatedNodeName !== (pod.status?.nominatedNodeName ?? '') ? failure.nominatedNodeName : undefined;
  core.podWriter
    .patchPodStatus(pod, { condition: { type: 'PodScheduled', status: 'False', reason, message }, nominatedNodeName })
    .catch((err: unknown) => core.onError(err, 'updating pod status after a scheduling failure'));
}
