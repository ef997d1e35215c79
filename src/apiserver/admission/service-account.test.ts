import { describe, expect, it } from 'vitest';
import type { Pod, ServiceAccount } from '../../api/index.js';
import { FakeClock, isForbidden } from '../../machinery/index.js';
import { SERVICE_ACCOUNT_MOUNT_PATH, serviceAccountAdmission, tokenVolume } from './service-account.js';
import { ArrayLister, attrsFor, pod } from './test-fixtures.js';

const sa = (name: string, extra: Partial<ServiceAccount> = {}): ServiceAccount => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' }, ...extra });

function plugin(accounts: ServiceAccount[], clock = new FakeClock()) {
  return serviceAccountAdmission({ serviceAccounts: new ArrayLister(accounts), clock, nameSuffix: () => 'x7k2p', defaultAccountAttempts: 3, retryIntervalMs: 100 });
}

describe('ServiceAccount admission', () => {
  it('defaults serviceAccountName to "default" and injects the projected token volume into every container', async () => {
    const p = pod('web', { initContainers: [{ name: 'init', image: 'busybox' }] });
    const attrs = attrsFor(p);
    await plugin([sa('default')]).mutate(attrs);
    const spec = (attrs.object as Pod).spec!;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes).toEqual([tokenVolume('kube-api-access-x7k2p')]);
    expect(spec.volumes![0]!.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    const mount = { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(spec.containers[0]!.volumeMounts).toEqual([mount]);
    expect(spec.initContainers![0]!.volumeMounts).toEqual([mount]);
  });

  it('does not mount the token when the pod or the account opts out (the pod wins)', async () => {
    const off = attrsFor(pod('a', { automountServiceAccountToken: false }));
    await plugin([sa('default')]).mutate(off);
    expect((off.object as Pod).spec!.volumes).toBeUndefined();

    const saOff = attrsFor(pod('b'));
    await plugin([sa('default', { automountServiceAccountToken: false })]).mutate(saOff);
    expect((saOff.object as Pod).spec!.volumes).toBeUndefined();

    const podOn = attrsFor(pod('c', { automountServiceAccountToken: true }));
    await plugin([sa('default', { automountServiceAccountToken: false })]).mutate(podOn);
    expect((podOn.object as Pod).spec!.volumes).toHaveLength(1);
  });

  it('leaves containers that already mount the service account path alone', async () => {
    const own = { name: 'mine', mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    const p = pod('web', { containers: [{ name: 'app', image: 'x', volumeMounts: [own] }], volumes: [{ name: 'mine', emptyDir: {} }] });
    const attrs = attrsFor(p);
    await plugin([sa('default')]).mutate(attrs);
    expect((attrs.object as Pod).spec!.volumes).toEqual([{ name: 'mine', emptyDir: {} }]);
    expect((attrs.object as Pod).spec!.containers[0]!.volumeMounts).toEqual([own]);
  });

  it("copies the account's imagePullSecrets to a pod that has none", async () => {
    const attrs = attrsFor(pod('web', { serviceAccountName: 'builder' }));
    await plugin([sa('builder', { imagePullSecrets: [{ name: 'regcred' }] })]).mutate(attrs);
    expect((attrs.object as Pod).spec!.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('refuses a pod whose service account does not exist, with Kubernetes wording', async () => {
    const err = await plugin([]).mutate(attrsFor(pod('web', { serviceAccountName: 'ghost' }))).catch((e: unknown) => e);
    expect(isForbidden(err)).toBe(true);
    expect((err as Error).message).toBe('pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
  });

  it('looks the default account up again before giving up, since the namespace controller creates it', async () => {
    const clock = new FakeClock();
    const accounts: ServiceAccount[] = [];
    const pending = plugin(accounts, clock).mutate(attrsFor(pod('web')));
    await clock.advanceAsync(100);
    accounts.push(sa('default'));
    await clock.advanceAsync(100);
    await pending;

    const gone = plugin([], clock).mutate(attrsFor(pod('', {}, { generateName: 'web-' })));
    const failed = gone.catch((e: unknown) => e);
    await clock.advanceAsync(200);
    expect((await failed as Error).message).toBe('pods "web-" is forbidden: error looking up service account default/default: serviceaccount "default" not found');
  });

  it('never mutates mirror pods and refuses mirror pods that name a service account', async () => {
    const mirror = pod('static-web', {}, { annotations: { 'kubernetes.io/config.mirror': 'hash' } });
    const attrs = attrsFor(mirror);
    const p = plugin([]);
    await p.mutate(attrs);
    await p.validate(attrs);
    expect((attrs.object as Pod).spec!.serviceAccountName).toBeUndefined();
    const named = attrsFor(pod('static-web', { serviceAccountName: 'default' }, { annotations: { 'kubernetes.io/config.mirror': 'hash' } }));
    await expect(p.validate(named)).rejects.toThrow('a mirror pod may not reference service accounts');
  });

  it('re-checks on validate that the (possibly webhook-renamed) account exists', async () => {
    await expect(plugin([sa('default')]).validate(attrsFor(pod('web', { serviceAccountName: 'renamed' })))).rejects.toThrow('serviceaccount "renamed" not found');
  });

  it('ignores everything but pod creates', async () => {
    const update = attrsFor(pod('web'), { operation: 'UPDATE', oldObject: pod('web') });
    await plugin([]).mutate(update);
    expect((update.object as Pod).spec!.serviceAccountName).toBeUndefined();
  });
});
