import { describe, expect, it } from 'vitest';
import type { Obj } from './format.js';
import { podPrinter } from './print-pods.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const MIN = 60_000;

function pod(opts: { spec?: Obj; status?: Obj; meta?: Obj } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d4b9c-x2x9z', namespace: 'default', creationTimestamp: ago(5 * MIN), ...opts.meta },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'node-1', ...opts.spec },
    status: { phase: 'Running', podIPs: [{ ip: '10.244.1.2' }], podIP: '10.244.1.2', ...opts.status },
  };
}

const running = (extra: Obj = {}) => ({
  name: 'nginx',
  ready: true,
  restartCount: 0,
  image: 'nginx',
  imageID: '',
  started: true,
  state: { running: { startedAt: ago(4 * MIN) } },
  ...extra,
});
const waiting = (reason: string, extra: Obj = {}) => ({
  name: 'nginx',
  ready: false,
  restartCount: 0,
  image: 'nginx',
  imageID: '',
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (t: Obj, extra: Obj = {}) => ({
  name: 'nginx',
  ready: false,
  restartCount: 0,
  image: 'nginx',
  imageID: '',
  state: { terminated: t },
  ...extra,
});

const cells = (p: Obj) => podPrinter.row(p, NOW).cells;
const status = (p: Obj) => cells(p)[2];

describe('pod printer columns', () => {
  it('has the kubectl columns, wide ones at priority 1', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(podPrinter.columns[0]).toMatchObject({ type: 'string', format: 'name' });
  });
});

describe('pod printer rows', () => {
  it('prints a running pod', () => {
    const p = pod({ status: { containerStatuses: [running()] } });
    expect(cells(p)).toEqual(['web-7d4b9c-x2x9z', '1/1', 'Running', '0', '5m', '10.244.1.2', 'node-1', '<none>', '<none>']);
    expect(podPrinter.row(p, NOW).conditions).toBeUndefined();
  });

  it('prints <none> for a pod without IP or node', () => {
    const p = pod({ spec: { nodeName: undefined }, status: { phase: 'Pending', podIPs: undefined, podIP: undefined } });
    expect(cells(p).slice(1, 7)).toEqual(['0/1', 'Pending', '0', '5m', '<none>', '<none>']);
  });

  it('shows the waiting reason of a container being created', () => {
    expect(status(pod({ status: { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] } }))).toBe('ContainerCreating');
  });

  it('shows CrashLoopBackOff with restarts and the age of the last restart', () => {
    const cs = waiting('CrashLoopBackOff', {
      restartCount: 5,
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(3 * MIN) } },
    });
    const c = cells(pod({ status: { containerStatuses: [cs] } }));
    expect(c.slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (3m ago)']);
  });

  it('shows Completed for a succeeded pod and marks the row completed', () => {
    const p = pod({ status: { phase: 'Succeeded', containerStatuses: [terminated({ exitCode: 0, reason: 'Completed' })] } });
    expect(cells(p).slice(1, 3)).toEqual(['0/1', 'Completed']);
    expect(podPrinter.row(p, NOW).conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
  });

  it('shows Error, ExitCode:N and Signal:N for terminated containers', () => {
    expect(status(pod({ status: { phase: 'Failed', containerStatuses: [terminated({ exitCode: 1, reason: 'Error' })] } }))).toBe('Error');
    expect(status(pod({ status: { containerStatuses: [terminated({ exitCode: 2 })] } }))).toBe('ExitCode:2');
    expect(status(pod({ status: { containerStatuses: [terminated({ exitCode: 137, signal: 9 })] } }))).toBe('Signal:9');
  });

  it('prefers the pod status reason over the phase (Evicted) and marks failed pods', () => {
    const p = pod({ status: { phase: 'Failed', reason: 'Evicted' } });
    expect(status(p)).toBe('Evicted');
    expect(podPrinter.row(p, NOW).conditions?.[0]).toMatchObject({ reason: 'Failed', message: 'The pod failed.' });
  });

  it('reports Completed containers as Running when another still runs and the pod is Ready', () => {
    const two = {
      containers: [{ name: 'a' }, { name: 'b' }],
    };
    const statuses = [running({ name: 'a' }), terminated({ exitCode: 0, reason: 'Completed' }, { name: 'b' })];
    const ready = pod({ spec: two, status: { containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(cells(ready).slice(1, 3)).toEqual(['1/2', 'Running']);
    const notReady = pod({ spec: two, status: { containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'False' }] } });
    expect(status(notReady)).toBe('NotReady');
  });

  it('shows init progress Init:i/n', () => {
    const spec = { initContainers: [{ name: 'migrate' }, { name: 'warm' }] };
    const statuses = [
      terminated({ exitCode: 0, reason: 'Completed' }, { name: 'migrate' }),
      waiting('PodInitializing', { name: 'warm' }),
    ];
    const p = pod({ spec, status: { phase: 'Pending', initContainerStatuses: statuses, containerStatuses: [waiting('PodInitializing')] } });
    expect(cells(p).slice(1, 3)).toEqual(['0/1', 'Init:1/2']);
  });

  it('shows failing init containers as Init:<reason>, Init:ExitCode:N or Init:Signal:N', () => {
    const spec = { initContainers: [{ name: 'init' }] };
    const withInit = (s: Obj) => pod({ spec, status: { phase: 'Pending', initContainerStatuses: [{ name: 'init', ...s }] } });
    expect(status(withInit({ state: { waiting: { reason: 'CrashLoopBackOff' } } }))).toBe('Init:CrashLoopBackOff');
    expect(status(withInit({ state: { terminated: { exitCode: 1, reason: 'Error' } } }))).toBe('Init:Error');
    expect(status(withInit({ state: { terminated: { exitCode: 3 } } }))).toBe('Init:ExitCode:3');
    expect(status(withInit({ state: { terminated: { exitCode: 143, signal: 15 } } }))).toBe('Init:Signal:15');
  });

  it('counts started sidecar init containers in READY and their restarts', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
    const p = pod({
      spec,
      status: {
        initContainerStatuses: [
          {
            name: 'proxy',
            ready: true,
            started: true,
            restartCount: 2,
            state: { running: {} },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * MIN) } },
          },
        ],
        containerStatuses: [running()],
      },
    });
    expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '2 (10m ago)']);
  });

  it('shows Terminating while a running pod is being deleted, Unknown when its node is lost', () => {
    const deleting = { deletionTimestamp: ago(MIN) };
    expect(status(pod({ meta: deleting, status: { containerStatuses: [running()] } }))).toBe('Terminating');
    expect(status(pod({ meta: deleting, status: { reason: 'NodeLost' } }))).toBe('Unknown');
    expect(status(pod({ meta: deleting, status: { phase: 'Succeeded' } }))).toBe('Succeeded');
  });

  it('shows SchedulingGated from the PodScheduled condition', () => {
    const p = pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(status(p)).toBe('SchedulingGated');
  });

  it('prints nominated node and readiness gates in the wide columns', () => {
    const p = pod({
      spec: { readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }] },
      status: {
        nominatedNodeName: 'node-2',
        conditions: [
          { type: 'example.com/a', status: 'True' },
          { type: 'example.com/b', status: 'False' },
        ],
      },
    });
    expect(cells(p).slice(7)).toEqual(['node-2', '1/2']);
  });
});
