import { describe, expect, it } from 'vitest';
import type { Obj } from './format.js';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './print-workloads.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const created = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const MIN = 60_000;
const template = {
  metadata: { labels: { app: 'nginx' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'sidecar', image: 'busybox' },
    ],
  },
};
const meta = (name: string, extra: Obj = {}) => ({ name, namespace: 'default', creationTimestamp: created(130 * 1000), ...extra });

describe('deployment printer', () => {
  it('prints READY ready/desired, UP-TO-DATE, AVAILABLE and the wide columns', () => {
    const d = {
      metadata: meta('nginx'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', tier: 'web' } }, template },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    };
    expect(deploymentPrinter.row(d, NOW).cells).toEqual(['nginx', '2/3', 3, 2, '2m10s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=nginx,tier=web']);
    expect(deploymentPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
  });

  it('prints 0/N before any status and set-based selectors sorted by key', () => {
    const d = {
      metadata: meta('x'),
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { z: '1' },
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['prod', 'dev'] },
            { key: 'canary', operator: 'DoesNotExist' },
            { key: 'app', operator: 'Exists' },
            { key: 'tier', operator: 'NotIn', values: ['db'] },
          ],
        },
        template,
      },
    };
    const c = deploymentPrinter.row(d, NOW).cells;
    expect(c.slice(1, 4)).toEqual(['0/2', 0, 0]);
    expect(c[7]).toBe('app,!canary,env in (dev,prod),tier notin (db),z=1');
  });

  it('prints <invalid> for a selector with an unknown operator', () => {
    const d = { metadata: meta('x'), spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] }, template } };
    expect(deploymentPrinter.row(d, NOW).cells[7]).toBe('<invalid>');
  });
});

describe('replicaset printer', () => {
  it('prints desired, current, ready and a formatted selector', () => {
    const rs = {
      metadata: meta('nginx-5d9c'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '5d9c' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(replicaSetPrinter.row(rs, NOW).cells).toEqual([
      'nginx-5d9c',
      3,
      3,
      1,
      '2m10s',
      'nginx,sidecar',
      'nginx:1.27,busybox',
      'app=nginx,pod-template-hash=5d9c',
    ]);
  });

  it('prints <none> for an empty selector', () => {
    expect(replicaSetPrinter.row({ metadata: meta('r'), spec: { selector: {} } }, NOW).cells[7]).toBe('<none>');
  });
});

describe('statefulset and daemonset printers', () => {
  it('statefulsets print READY ready/desired', () => {
    const ss = { metadata: meta('db'), spec: { replicas: 3, template }, status: { readyReplicas: 3 } };
    expect(statefulSetPrinter.row(ss, NOW).cells).toEqual(['db', '3/3', '2m10s', 'nginx,sidecar', 'nginx:1.27,busybox']);
  });

  it('daemonsets print the scheduling counters and the node selector', () => {
    const ds = {
      metadata: meta('agent'),
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(daemonSetPrinter.row(ds, NOW).cells).toEqual([
      'agent',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '2m10s',
      'nginx,sidecar',
      'nginx:1.27,busybox',
      'app=agent',
    ]);
  });
});

describe('controllerrevision printer', () => {
  it('names the controller as kind.group/name', () => {
    const cr = {
      metadata: meta('db-7f8', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] }),
      revision: 2,
    };
    expect(controllerRevisionPrinter.row(cr, NOW).cells).toEqual(['db-7f8', 'statefulset.apps/db', 2, '2m10s']);
    expect(controllerRevisionPrinter.row({ metadata: meta('r'), revision: 1 }, NOW).cells[1]).toBe('<none>');
  });
});

describe('job and cronjob printers', () => {
  const job = (spec: Obj, status: Obj, metaExtra: Obj = {}) => ({ metadata: meta('pi', metaExtra), spec: { template, ...spec }, status });

  it('prints a running job with its duration so far', () => {
    const j = job({ completions: 1, selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'pi' } } }, { startTime: created(90 * 1000), active: 1 });
    expect(jobPrinter.row(j, NOW).cells.slice(0, 5)).toEqual(['pi', 'Running', '0/1', '90s', '2m10s']);
  });

  it('prints completed, failed, suspended and parallel jobs', () => {
    const complete = job({ completions: 3 }, { succeeded: 3, startTime: created(10 * MIN), completionTime: created(7 * MIN), conditions: [{ type: 'Complete', status: 'True' }] });
    expect(jobPrinter.row(complete, NOW).cells.slice(1, 4)).toEqual(['Complete', '3/3', '3m']);
    const failed = job({}, { conditions: [{ type: 'Failed', status: 'True' }] });
    expect(jobPrinter.row(failed, NOW).cells.slice(1, 4)).toEqual(['Failed', '0/1', '']);
    const suspended = job({ parallelism: 4 }, { conditions: [{ type: 'Suspended', status: 'True' }] });
    expect(jobPrinter.row(suspended, NOW).cells.slice(1, 3)).toEqual(['Suspended', '0/1 of 4']);
    const deleting = job({}, {}, { deletionTimestamp: created(MIN) });
    expect(jobPrinter.row(deleting, NOW).cells[1]).toBe('Terminating');
  });

  it('prints cronjob schedule, timezone, suspend, active and last schedule', () => {
    const cj = {
      metadata: meta('backup'),
      spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'backup-1' }], lastScheduleTime: created(4 * MIN) },
    };
    expect(cronJobPrinter.row(cj, NOW).cells.slice(0, 7)).toEqual(['backup', '*/5 * * * *', '<none>', 'False', 1, '4m', '2m10s']);
    const never = { metadata: meta('n'), spec: { schedule: '@daily', timeZone: 'Etc/UTC' } };
    expect(cronJobPrinter.row(never, NOW).cells.slice(2, 6)).toEqual(['Etc/UTC', '<unset>', 0, '<none>']);
  });
});
