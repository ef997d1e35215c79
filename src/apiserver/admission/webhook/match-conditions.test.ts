import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MutatingWebhookConfiguration, ValidatingWebhook, ValidatingWebhookConfiguration } from '../../../api/index.js';
import { FakeClock, SequentialUidSource, isApiError } from '../../../machinery/index.js';
import { attrsFor, namespaces, pod } from '../test-fixtures.js';
import { evaluateMatchConditions } from './match-conditions.js';
import { mutatingWebhooks } from './mutating.js';
import { TestWebhookServer, answer } from './test-server.js';
import { HttpsTransport } from './transport.js';
import { validatingWebhooks } from './validating.js';

const conds = (...c: [string, string][]) => ({ name: 'w.skiff.test', matchConditions: c.map(([name, expression]) => ({ name, expression })) }) as ValidatingWebhook;

describe('evaluateMatchConditions', () => {
  const web = pod('web-1', {}, { labels: { app: 'web' } });

  it('matches when every condition is true (or there are none), over object, oldObject and request', () => {
    expect(evaluateMatchConditions(conds(), attrsFor(web))).toEqual({ kind: 'match' });
    const r = evaluateMatchConditions(
      conds(
        ['labelled', "has(object.metadata.labels) && object.metadata.labels['app'] == 'web'"],
        ['create', "request.operation == 'CREATE' && oldObject == null"],
        ['not-rbac', "request.resource.group != 'rbac.authorization.k8s.io'"],
        ['user', "'devs' in request.userInfo.groups && request.userInfo.username == 'alice'"],
      ),
      attrsFor(web),
    );
    expect(r).toEqual({ kind: 'match' });
  });

  it('skips on the first false condition, even when another fails to evaluate', () => {
    expect(evaluateMatchConditions(conds(['broken', 'object.metadata.nope == 1'], ['other-app', "object.metadata.labels['app'] == 'db'"]), attrsFor(web))).toEqual({
      kind: 'skip',
      condition: 'other-app',
    });
  });

  it('reports evaluation errors, non-bool results and the unsupported authorizer as errors', () => {
    const r = evaluateMatchConditions(conds(['missing', 'object.metadata.nope == 1'], ['string', "'yes'"], ['authz', "authorizer.group('').resource('pods').check('get').allowed()"]), attrsFor(web));
    expect(r.kind).toBe('error');
    const msg = (r as { message: string }).message;
    expect(msg).toMatch(/^failed evaluating match conditions: expression 'missing' resulted in error: .*nope/);
    expect(msg).toContain(`expression 'string' did not evaluate to a bool: "yes"`);
    expect(msg).toContain(`expression 'authz': the authorizer variable is not supported by skiff`);
  });
});

describe('webhooks with matchConditions', () => {
  let server: TestWebhookServer;
  const transport = new HttpsTransport();
  let validating: ValidatingWebhookConfiguration[] = [];
  let mutating: MutatingWebhookConfiguration[] = [];
  const uids = new SequentialUidSource();
  const deps = () => ({
    source: { mutating: () => mutating, validating: () => validating },
    namespaces: namespaces({ default: {} }),
    clock: new FakeClock(),
    newUid: () => uids.next(),
    transport,
  });
  const hook = (name: string, over: Partial<ValidatingWebhook>): ValidatingWebhook => ({
    name,
    clientConfig: { url: server.url('/deny'), caBundle: server.pki.caBundle },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    sideEffects: 'None',
    ...over,
  });

  beforeAll(async () => {
    server = await TestWebhookServer.start();
  });
  afterAll(async () => {
    transport.close();
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    server.on('/deny', (review) => answer(review, { allowed: false, status: { message: 'denied by the webhook' } }));
    validating = [];
    mutating = [];
  });

  it('calls the webhook only for requests whose conditions are all true', async () => {
    const onlyWeb = [{ name: 'only-web', expression: "object.metadata.name.startsWith('web-')" }];
    validating = [{ metadata: { name: 'v' }, webhooks: [hook('v.skiff.test', { matchConditions: onlyWeb })] }];
    mutating = [{ metadata: { name: 'm' }, webhooks: [hook('m.skiff.test', { matchConditions: onlyWeb })] }];
    await validatingWebhooks(deps()).validate(attrsFor(pod('db-1')));
    await mutatingWebhooks(deps()).mutate(attrsFor(pod('db-1')));
    expect(server.received).toHaveLength(0);
    const err = await validatingWebhooks(deps()).validate(attrsFor(pod('web-1'))).catch((e: unknown) => e);
    expect(isApiError(err) && err.message).toBe('admission webhook "v.skiff.test" denied the request: denied by the webhook');
    expect(server.received).toHaveLength(1);
  });

  it('a condition that fails to evaluate is a failed call: Fail → 500, Ignore → allowed with a warning', async () => {
    const broken = [{ name: 'broken', expression: 'object.spec.nope == 1' }];
    validating = [{ metadata: { name: 'v' }, webhooks: [hook('v.skiff.test', { matchConditions: broken })] }];
    const err = await validatingWebhooks(deps()).validate(attrsFor(pod('web-1'))).catch((e: unknown) => e);
    expect(isApiError(err) && err.code).toBe(500);
    expect((err as Error).message).toMatch(/^Internal error occurred: failed calling webhook "v.skiff.test": failed evaluating match conditions: expression 'broken' resulted in error/);
    validating = [{ metadata: { name: 'v' }, webhooks: [hook('v.skiff.test', { matchConditions: broken, failurePolicy: 'Ignore' })] }];
    const attrs = attrsFor(pod('web-1'));
    await validatingWebhooks(deps()).validate(attrs);
    expect(attrs.warnings).toHaveLength(1);
    expect(attrs.warnings![0]).toMatch(/failed evaluating match conditions.*\(ignored: failurePolicy is Ignore\)$/);
    expect(server.received).toHaveLength(0);
  });
});
