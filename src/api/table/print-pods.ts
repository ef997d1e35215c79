/**
 * The pod printer (kubernetes pkg/printers/internalversion `printPod`): READY counts ready containers (restartable
 * init containers, i.e. sidecars, included); STATUS is the most telling reason — a failing init container
 * (`Init:1/2`, `Init:CrashLoopBackOff`), a waiting or terminated container reason (`ContainerCreating`,
 * `CrashLoopBackOff`, `Completed`, `Error`), `Terminating` while deleted, else the phase; RESTARTS adds the age of the
 * latest restart, e.g. `5 (3m ago)`.
 */
import { ageSince, humanDuration, parseTimestamp } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, column, int, isSet, list, obj, str, type Obj } from './format.js';
import type { PrintedRow, Printer } from './printer.js';
import type { TableRowCondition } from './types.js';

const columns = [
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COLUMN,
  column('IP', 'string', 'IP address allocated to the pod.', { priority: 1 }),
  column('Node', 'string', 'The node this pod is scheduled to.', { priority: 1 }),
  column('Nominated Node', 'string', 'The node this pod may be scheduled to once preemption victims are gone.', {
    priority: 1,
  }),
  column('Readiness Gates', 'string', 'Readiness gates that are true, out of all readiness gates.', { priority: 1 }),
];

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** The finish time of a container's previous run, or -Infinity (Go's zero time). */
function lastTermination(status: Obj): number {
  const terminated = obj(obj(status.lastState).terminated);
  return parseTimestamp(terminated.finishedAt) ?? -Infinity;
}

function conditionTrue(pod: Obj, type: string): boolean {
  return list(obj(pod.status).conditions).some((c) => c.type === type && c.status === 'True');
}

function printPod(pod: Obj, now: number): PrintedRow {
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const phase = str(status.phase);

  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let lastRestart = -Infinity;
  let lastSidecarRestart = -Infinity;
  let totalContainers = list(spec.containers).length;
  let reason = str(status.reason) || phase;

  for (const c of list(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = list(spec.initContainers);
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  totalContainers += initSpecs.filter((c) => c.restartPolicy === 'Always').length;

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const state = obj(cs.state);
    const terminated = isSet(state.terminated) ? obj(state.terminated) : undefined;
    const waiting = isSet(state.waiting) ? obj(state.waiting) : undefined;
    const isSidecar = sidecars.has(str(cs.name));
    restarts += int(cs.restartCount);
    lastRestart = Math.max(lastRestart, lastTermination(cs));
    if (isSidecar) {
      sidecarRestarts += int(cs.restartCount);
      lastSidecarRestart = Math.max(lastSidecarRestart, lastTermination(cs));
    }
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (isSidecar && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      const r = str(terminated.reason);
      if (r) reason = `Init:${r}`;
      else if (int(terminated.signal) !== 0) reason = `Init:Signal:${int(terminated.signal)}`;
      else reason = `Init:ExitCode:${int(terminated.exitCode)}`;
    } else if (waiting && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      const state = obj(cs.state);
      const waiting = isSet(state.waiting) ? obj(state.waiting) : undefined;
      const terminated = isSet(state.terminated) ? obj(state.terminated) : undefined;
      restarts += int(cs.restartCount);
      lastRestart = Math.max(lastRestart, lastTermination(cs));
      if (waiting && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason) !== '') {
        reason = str(terminated.reason);
      } else if (terminated) {
        const signal = int(terminated.signal);
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(terminated.exitCode)}`;
      } else if (cs.ready === true && isSet(state.running)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (isSet(meta.deletionTimestamp) && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (isSet(meta.deletionTimestamp) && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== -Infinity) restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;

  const podIPs = list(status.podIPs);
  const podIP = (podIPs.length > 0 ? str(podIPs[0]!.ip) : '') || '<none>';
  const gates = list(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conditions = list(status.conditions);
    const trueGates = gates.filter((g) => {
      const c = conditions.find((x) => x.type === g.conditionType);
      return c !== undefined && c.status === 'True';
    }).length;
    readinessGates = `${trueGates}/${gates.length}`;
  }

  const row: PrintedRow = {
    cells: [
      str(meta.name),
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsText,
      ageSince(meta.creationTimestamp, now),
      podIP,
      str(spec.nodeName) || '<none>',
      str(status.nominatedNodeName) || '<none>',
      readinessGates,
    ],
  };
  if (phase === 'Succeeded') row.conditions = SUCCEEDED.map((c) => ({ ...c }));
  else if (phase === 'Failed') row.conditions = FAILED.map((c) => ({ ...c }));
  return row;
}

export const podPrinter: Printer = { columns, row: printPod };
