import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MutatingWebhook, MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from '../../../api/index.js';
import { FakeClock, SequentialUidSource, isApiError } from '../../../machinery/index.js';
import { attrsFor, namespaces, pod } from '../test-fixtures.js';
import { mutatingWebhooks } from './mutating.js';
import { TestWebhookServer, answer, encodePatch } from './test-server.js';
import { HttpsTransport } from './transport.js';
import type { WebhookConfigSource } from './types.js';

let server: TestWebhookServer;
const transport = new HttpsTransport();
let mutating: MutatingWebhookConfiguration[] = [];
const source: WebhookConfigSource = { mutating: () => mutating, validating: (): ValidatingWebhookConfiguration[] => [] };
const uids = new SequentialUidSource();
const clock = new FakeClock();

function plugin(resolver?: { resolve(ns: string, name: string, port: number): URL }) {
  return mutatingWebhooks({ source, namespaces: namespaces({ default: {} }), clock, newUid: () => uids.next(), transport, ...(resolver ? { resolver } : {}) });
}

function hook(name: string, path: string, over: Partial<MutatingWebhook> = {}): MutatingWebhook {
  return {
    name,
    clientConfig: { url: server.url(path), caBundle: server.pki.caBundle },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    ...over,
  };
}

function config(name: string, ...webhooks: MutatingWebhook[]): MutatingWebhookConfiguration {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name }, webhooks };
}

beforeAll(async () => {
  server = await TestWebhookServer.start({ dnsNames: ['labeler.webhooks.svc'] });
});
afterAll(async () => {
  transport.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  mutating = [];
});

describe('mutating webhooks over HTTPS', () => {
  it('adds a label to every pod through a JSON Patch, sending a full v1 AdmissionReview', async () => {
    server.on('/label', (review) => answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/labels', value: { injected: 'true' } }]) }));
    mutating = [config('labeler', hook('labeler.skiff.test', '/label'))];
    const attrs = attrsFor(pod('web'));
    await plugin().mutate(attrs);

    expect(attrs.object!.metadata.labels).toEqual({ injected: 'true' });
    const got = server.received[0]!;
    expect(got.query.get('timeout')).toBe('10s');
    const req = got.review.request!;
    expect(got.review).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' });
    expect(req).toMatchObject({
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      name: 'web',
      namespace: 'default',
      operation: 'CREATE',
      userInfo: { username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'] },
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    });
    expect(req.uid).toMatch(/.+/);
    expect(req.object!.metadata.name).toBe('web');
  });

  it('reaches a service webhook through the resolver and verifies the certificate for <name>.<namespace>.svc', async () => {
    server.on('/svc-path', (review) => answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/annotations', value: { via: 'service' } }]) }));
    const svcHook = hook('svc.skiff.test', '/unused', { clientConfig: { service: { namespace: 'webhooks', name: 'labeler', path: '/svc-path', port: 8443 }, caBundle: server.pki.caBundle } });
    mutating = [config('svc', svcHook)];
    const asked: string[] = [];
    const resolver = { resolve: (ns: string, name: string, port: number) => (asked.push(`${ns}/${name}:${port}`), new URL(server.url('/'))) };
    const attrs = attrsFor(pod('web'));
    await plugin(resolver).mutate(attrs);
    expect(asked).toEqual(['webhooks/labeler:8443']);
    expect(attrs.object!.metadata.annotations).toEqual({ via: 'service' });
  });

  it('refuses a server whose certificate the caBundle does not vouch for', async () => {
    const other = await TestWebhookServer.start();
    try {
      server.on('/label', (review) => answer(review, { allowed: true }));
      mutating = [config('c', hook('wrong-ca.skiff.test', '/label', { clientConfig: { url: server.url('/label'), caBundle: other.pki.caBundle } }))];
      const err = await plugin().mutate(attrsFor(pod('web'))).catch((e: unknown) => e);
      expect(isApiError(err) && err.code).toBe(500);
      expect((err as Error).message).toMatch(/failed calling webhook "wrong-ca.skiff.test": failed to call webhook: Post ".*": .*(certificate|signature)/);
      expect(server.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('runs configurations in name order and re-invokes an IfNeeded webhook once after a later one changed the object', async () => {
    let aCalls = 0;
    server.on('/a', (review) => {
      aCalls++;
      const labels = review.request!.object!.metadata.labels ?? {};
      return answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/annotations', value: { 'a-saw-b': String('b' in labels) } }]) });
    });
    server.on('/b', (review) => answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/labels', value: { b: 'yes' } }]) }));
    // "z-b" sorts after "a-a": a runs first, sees no label, then b adds one and a is called again.
    mutating = [config('z-b', hook('b.skiff.test', '/b')), config('a-a', hook('a.skiff.test', '/a', { reinvocationPolicy: 'IfNeeded' }))];
    const attrs = attrsFor(pod('web'));
    await plugin().mutate(attrs);
    expect(aCalls).toBe(2);
    expect(server.received.map((r) => r.path)).toEqual(['/a', '/b', '/a']);
    expect(attrs.object!.metadata.annotations).toEqual({ 'a-saw-b': 'true' });
  });

  it('does not re-invoke a webhook whose policy is Never', async () => {
    server.on('/a', (review) => answer(review, { allowed: true }));
    server.on('/b', (review) => answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/labels', value: { b: 'yes' } }]) }));
    mutating = [config('a', hook('a.skiff.test', '/a')), config('b', hook('b.skiff.test', '/b'))];
    await plugin().mutate(attrsFor(pod('web')));
    expect(server.received.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it('returns a denial with the webhook status and stops the chain', async () => {
    server.on('/deny', (review) => answer(review, { allowed: false, status: { code: 403, reason: 'Forbidden', message: 'no pods on Fridays' } }));
    server.on('/after', (review) => answer(review, { allowed: true }));
    mutating = [config('a', hook('deny.skiff.test', '/deny'), hook('after.skiff.test', '/after'))];
    const err = await plugin().mutate(attrsFor(pod('web'))).catch((e: unknown) => e);
    expect(isApiError(err) && err.toStatus()).toMatchObject({ code: 403, reason: 'Forbidden', message: 'admission webhook "deny.skiff.test" denied the request: no pods on Fridays' });
    expect(server.received.map((r) => r.path)).toEqual(['/deny']);
  });

  it('passes warnings back through attrs.warnings', async () => {
    server.on('/warn', (review) => answer(review, { allowed: true, warnings: ['image tag "latest" is discouraged'] }));
    mutating = [config('w', hook('warn.skiff.test', '/warn'))];
    const attrs = attrsFor(pod('web'));
    await plugin().mutate(attrs);
    expect(attrs.warnings).toEqual(['image tag "latest" is discouraged']);
  });

  it('rejects a dry run for webhooks with side effects (400) and calls those declaring None', async () => {
    server.on('/a', (review) => answer(review, { allowed: true }));
    mutating = [config('a', hook('some.skiff.test', '/a', { sideEffects: 'Some' }))];
    const err = await plugin().mutate(attrsFor(pod('web'), { dryRun: true })).catch((e: unknown) => e);
    expect(isApiError(err) && err.toStatus()).toMatchObject({ code: 400, reason: 'BadRequest', message: 'admission webhook "some.skiff.test" does not support dry run' });
    expect(server.received).toHaveLength(0);

    mutating = [config('a', hook('none.skiff.test', '/a', { sideEffects: 'NoneOnDryRun' }))];
    await plugin().mutate(attrsFor(pod('web'), { dryRun: true }));
    expect(server.received[0]!.review.request).toMatchObject({ dryRun: true, options: { dryRun: ['All'] } });
  });

  it('skips webhooks whose rules or selectors do not match', async () => {
    server.on('/a', (review) => answer(review, { allowed: true }));
    mutating = [config('a', hook('svc-only.skiff.test', '/a', { rules: [{ operations: ['*'], apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }] }), hook('sel.skiff.test', '/a', { objectSelector: { matchLabels: { x: 'y' } } }))];
    await plugin().mutate(attrsFor(pod('web')));
    expect(server.received).toHaveLength(0);
  });
});
