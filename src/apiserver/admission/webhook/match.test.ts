import { describe, expect, it } from 'vitest';
import type { RuleWithOperations, ValidatingWebhook } from '../../../api/index.js';
import { isApiError } from '../../../machinery/index.js';
import { attrsFor, namespaces, pod } from '../test-fixtures.js';
import { isExemptFromWebhooks, ruleMatches, shouldCallHook } from './match.js';

const podRule = (over: Partial<RuleWithOperations> = {}): RuleWithOperations => ({
  operations: ['CREATE'],
  apiGroups: [''],
  apiVersions: ['v1'],
  resources: ['pods'],
  ...over,
});

const hook = (over: Partial<ValidatingWebhook> = {}): ValidatingWebhook => ({
  name: 'h.skiff.test',
  clientConfig: { url: 'https://127.0.0.1:1/' },
  rules: [podRule()],
  ...over,
});

describe('webhook rule matching', () => {
  it('matches operations exactly or through *', () => {
    const update = attrsFor(pod('p'), { operation: 'UPDATE', oldObject: pod('p') });
    expect(ruleMatches(podRule(), update)).toBe(false);
    expect(ruleMatches(podRule({ operations: ['*'] }), update)).toBe(true);
    expect(ruleMatches(podRule({ operations: ['CREATE', 'UPDATE'] }), update)).toBe(true);
  });

  it('matches groups and versions exactly or through *', () => {
    const deploy = attrsFor(pod('d'), { group: 'apps', kind: 'Deployment', resource: 'deployments' });
    expect(ruleMatches(podRule({ resources: ['deployments'] }), deploy)).toBe(false);
    expect(ruleMatches(podRule({ resources: ['deployments'], apiGroups: ['apps'] }), deploy)).toBe(true);
    expect(ruleMatches(podRule({ resources: ['deployments'], apiGroups: ['*'], apiVersions: ['v2'] }), deploy)).toBe(false);
    expect(ruleMatches(podRule({ resources: ['deployments'], apiGroups: ['*'], apiVersions: ['*'] }), deploy)).toBe(true);
  });

  it('tells resources from subresources: *, */*, pods/status, pods/*', () => {
    const main = attrsFor(pod('p'));
    const status = attrsFor(pod('p'), { operation: 'UPDATE', subresource: 'status' });
    const rule = (resources: string[]) => podRule({ operations: ['*'], resources });
    expect(ruleMatches(rule(['*']), main)).toBe(true);
    expect(ruleMatches(rule(['*']), status)).toBe(false);
    expect(ruleMatches(rule(['*/*']), status)).toBe(true);
    expect(ruleMatches(rule(['pods']), status)).toBe(false);
    expect(ruleMatches(rule(['pods/status']), status)).toBe(true);
    expect(ruleMatches(rule(['pods/status']), main)).toBe(false);
    expect(ruleMatches(rule(['pods/*']), status)).toBe(true);
    expect(ruleMatches(rule(['*/status']), status)).toBe(true);
  });

  it('applies scope: Namespaced, Cluster (namespaces themselves are cluster-scoped) and *', () => {
    const nsObj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    const nsCreate = attrsFor(nsObj, { kind: 'Namespace', resource: 'namespaces', namespace: '' });
    const node = attrsFor({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { kind: 'Node', resource: 'nodes', namespace: '' });
    const p = attrsFor(pod('p'));
    const any = (scope: RuleWithOperations['scope']) => podRule({ resources: ['*'], scope });
    expect(ruleMatches(any('Namespaced'), p)).toBe(true);
    expect(ruleMatches(any('Namespaced'), node)).toBe(false);
    expect(ruleMatches(any('Namespaced'), nsCreate)).toBe(false);
    expect(ruleMatches(any('Cluster'), nsCreate)).toBe(true);
    expect(ruleMatches(any('Cluster'), node)).toBe(true);
    expect(ruleMatches(any('Cluster'), p)).toBe(false);
    expect(ruleMatches(any('*'), node)).toBe(true);
    expect(ruleMatches(any(undefined), p)).toBe(true);
  });

  it('never sends admission configuration objects to webhooks', () => {
    const cfg = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'x' } };
    const a = attrsFor(cfg, { group: 'admissionregistration.k8s.io', kind: cfg.kind, resource: 'validatingwebhookconfigurations', namespace: '' });
    expect(isExemptFromWebhooks(a)).toBe(true);
    expect(isExemptFromWebhooks(attrsFor(pod('p')))).toBe(false);
  });
});

describe('webhook selectors', () => {
  const lookup = namespaces({ default: { env: 'prod' }, dev: { env: 'dev' } });

  it('matches namespaceSelector against the namespace labels', async () => {
    const h = hook({ namespaceSelector: { matchLabels: { env: 'prod' } } });
    expect(await shouldCallHook(h, attrsFor(pod('p')), lookup)).toBe(true);
    const devPod = pod('p', {}, { namespace: 'dev' });
    expect(await shouldCallHook(h, attrsFor(devPod), lookup)).toBe(false);
  });

  it('matches a namespace object against its own (new) labels', async () => {
    const h = hook({
      rules: [podRule({ resources: ['namespaces'] })],
      namespaceSelector: { matchExpressions: [{ key: 'webhooks', operator: 'In', values: ['on'] }] },
    });
    const mk = (labels: Record<string, string>) =>
      attrsFor({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'brand-new', labels } }, { kind: 'Namespace', resource: 'namespaces', namespace: '' });
    expect(await shouldCallHook(h, mk({ webhooks: 'on' }), lookup)).toBe(true);
    expect(await shouldCallHook(h, mk({ webhooks: 'off' }), lookup)).toBe(false);
  });

  it('ignores namespaceSelector for cluster-scoped objects', async () => {
    const h = hook({ rules: [podRule({ resources: ['nodes'] })], namespaceSelector: { matchLabels: { env: 'prod' } } });
    const node = attrsFor({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { kind: 'Node', resource: 'nodes', namespace: '' });
    expect(await shouldCallHook(h, node, lookup)).toBe(true);
  });

  it('fails with InternalError when the namespace cannot be found', async () => {
    const h = hook({ namespaceSelector: { matchLabels: { env: 'prod' } } });
    const err = await shouldCallHook(h, attrsFor(pod('p', {}, { namespace: 'ghost' })), lookup).catch((e: unknown) => e);
    expect(isApiError(err) && err.reason).toBe('InternalError');
    expect((err as Error).message).toContain('namespaces "ghost" not found');
  });

  it('matches objectSelector against the new or the old object', async () => {
    const h = hook({ rules: [podRule({ operations: ['*'] })], objectSelector: { matchLabels: { inject: 'yes' } } });
    const labelled = pod('p', {}, { labels: { inject: 'yes' } });
    expect(await shouldCallHook(h, attrsFor(labelled), lookup)).toBe(true);
    expect(await shouldCallHook(h, attrsFor(pod('p')), lookup)).toBe(false);
    const removing = attrsFor(pod('p'), { operation: 'UPDATE', oldObject: labelled });
    expect(await shouldCallHook(h, removing, lookup)).toBe(true);
    const deleting = attrsFor(null, { operation: 'DELETE', oldObject: labelled });
    expect(await shouldCallHook(h, deleting, lookup)).toBe(true);
  });

  it('does not look up the namespace when no rule matches', async () => {
    const h = hook({ rules: [podRule({ resources: ['services'] })], namespaceSelector: { matchLabels: { env: 'prod' } } });
    expect(await shouldCallHook(h, attrsFor(pod('p', {}, { namespace: 'ghost' })), lookup)).toBe(false);
  });
});
