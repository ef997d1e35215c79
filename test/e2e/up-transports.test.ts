/**
 * `skiff up --component-transport https`: the components get client certificates and talk HTTPS on loopback, as
 * separate processes would. The default (in-process) is what the other `skiff up` suites run; this one keeps the HTTPS
 * path working end to end and checks that either way each component acts as its own user (the audit log says who did
 * what), so in-process requests are not a back door around authentication.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kubectl, type Skiff, eventually, startUp } from './harness.js';

interface AuditLine {
  user?: { username?: string };
  verb?: string;
  objectRef?: { resource?: string; subresource?: string };
}

function auditUsers(skiff: Skiff, match: (l: AuditLine) => boolean): Set<string> {
  const lines = readFileSync(join(skiff.dataDir, 'audit.log'), 'utf8').trim().split('\n');
  return new Set(lines.map((l) => JSON.parse(l) as AuditLine).filter(match).map((l) => l.user?.username ?? ''));
}

describe.each([['https'], ['local']])('skiff up --component-transport %s', (transport) => {
  let skiff: Skiff;
  let k: Kubectl;

  beforeAll(async () => {
    ({ skiff, k } = await startUp(['--nodes', '2', '--store', 'memory', '--component-transport', transport]));
  }, 90_000);
  afterAll(async () => {
    k?.cleanup();
    await skiff?.stop();
  });

  it('brings a Deployment up, each step done by the component Kubernetes uses, as its own user', async () => {
    await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await eventually(async () => (await k(['get', 'deploy', 'web', '-o', 'jsonpath={.status.availableReplicas}'])).stdout === '2', {
      what: 'web available',
      timeoutMs: 30_000,
    });
    // The audit log is written asynchronously: wait until each step has an entry, then check who did it.
    const who = await eventually(
      async () => {
        const sets = [
          auditUsers(skiff, (l) => l.verb === 'create' && l.objectRef?.resource === 'pods' && !l.objectRef.subresource),
          auditUsers(skiff, (l) => l.verb === 'create' && l.objectRef?.subresource === 'binding'),
          auditUsers(skiff, (l) => l.verb === 'patch' && l.objectRef?.resource === 'pods' && l.objectRef.subresource === 'status'),
        ];
        return Promise.resolve(sets.every((x) => x.size > 0) ? sets.map((x) => [...x]) : undefined);
      },
      { what: 'audit entries for pod create, binding and status', timeoutMs: 10_000 },
    );
    expect(who).toEqual([['system:kube-controller-manager'], ['system:kube-scheduler'], ['skiff:sim-kubelets']]);
  });
});
