import { describe, expect, it } from 'vitest';
import {
  clusterRoleBindingPrinter,
  endpointSlicePrinter,
  leasePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  roleBindingPrinter,
} from './print-misc.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2024-05-01T11:00:00Z' });

describe('lease printer', () => {
  it('prints the holder, empty when unheld', () => {
    expect(leasePrinter.row({ metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } }, NOW).cells).toEqual(['node-1', 'node-1', '60m']);
    expect(leasePrinter.row({ metadata: meta('x'), spec: {} }, NOW).cells[1]).toBe('');
  });
});

describe('endpointslice printer', () => {
  it('prints address type, ports and up to three endpoints', () => {
    const slice = {
      metadata: meta('web-abc12'),
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics' }, {}],
      endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.1.3', '10.244.2.4'] }, { addresses: ['10.244.2.5'] }],
    };
    expect(endpointSlicePrinter.row(slice, NOW).cells).toEqual([
      'web-abc12',
      'IPv4',
      '80,metrics,*',
      '10.244.1.2,10.244.1.3,10.244.2.4 + 1 more...',
      '60m',
    ]);
  });

  it('prints <unset> for a slice without ports or endpoints', () => {
    expect(endpointSlicePrinter.row({ metadata: meta('e'), addressType: 'IPv4' }, NOW).cells.slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});

describe('binding printers', () => {
  const binding = {
    metadata: meta('read-pods'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'User', name: 'joe' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'ci' },
    ],
  };

  it('prints kind/name of the role and the subjects split by kind', () => {
    expect(roleBindingPrinter.row(binding, NOW).cells).toEqual(['read-pods', 'Role/pod-reader', '60m', 'jane, joe', 'devs', 'ci/robot']);
    expect(clusterRoleBindingPrinter.columns[3]!.description).toBe('Users in the clusterRoleBinding');
  });
});

describe('priorityclass and pdb printers', () => {
  it('prints value, global default and preemption policy', () => {
    const pc = { metadata: meta('high'), value: 1000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' };
    expect(priorityClassPrinter.row(pc, NOW).cells).toEqual(['high', 1000000, false, '60m', 'PreemptLowerPriority']);
  });

  it('prints IntOrString budgets and N/A when unset', () => {
    const pdb = { metadata: meta('web'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } };
    expect(podDisruptionBudgetPrinter.row(pdb, NOW).cells).toEqual(['web', '50%', 'N/A', 1, '60m']);
  });
});
