import { describe, expect, it } from 'vitest';
import { ApplyConflictError, describeManager, isApplyConflict, type ApplyConflict } from './conflict.js';
import { fieldElement, keyElement, pathToString, type FieldPath } from './path.js';

function conflict(manager: string, operation: 'Apply' | 'Update', path: FieldPath, extra: Partial<ApplyConflict> = {}): ApplyConflict {
  return { manager, operation, apiVersion: operation === 'Update' ? 'v1' : '', subresource: '', field: pathToString(path), path, ...extra };
}

const replicas = [fieldElement('spec'), fieldElement('replicas')];

describe('ApplyConflictError', () => {
  it('names Update managers with their version and subresource, Apply managers by name only', () => {
    expect(describeManager({ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' })).toBe('"kubelet" with subresource "status" using v1');
    expect(describeManager({ manager: 'kubectl', operation: 'Apply', apiVersion: '', subresource: '' })).toBe('"kubectl"');
  });

  it('words a single conflict like Kubernetes', () => {
    const err = new ApplyConflictError([conflict('kube-controller-manager', 'Update', replicas, { apiVersion: 'apps/v1' })]);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas');
    expect(isApplyConflict(err)).toBe(true);
    expect(err.toStatus()).toMatchObject({ code: 409, reason: 'Conflict', status: 'Failure' });
  });

  it('groups several conflicts per manager in sorted order', () => {
    const port = [fieldElement('spec'), fieldElement('ports'), keyElement({ port: 80, protocol: 'TCP' }), fieldElement('targetPort')];
    const err = new ApplyConflictError([
      conflict('z', 'Apply', replicas),
      conflict('a', 'Update', port),
      conflict('a', 'Update', replicas),
    ]);
    expect(err.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "a" using v1:\n- .spec.ports[port=80,protocol="TCP"].targetPort\n- .spec.replicas\nconflicts with "z":\n- .spec.replicas',
    );
    expect(err.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.ports[port=80,protocol="TCP"].targetPort', '.spec.replicas']);
  });
});
