import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MutatingWebhookConfiguration, ValidatingWebhook, ValidatingWebhookConfiguration } from '../../../api/index.js';
import { FakeClock, SequentialUidSource, isApiError } from '../../../machinery/index.js';
import { attrsFor, namespaces, pod } from '../test-fixtures.js';
import { mutatingWebhooks } from './mutating.js';
import { type Reply, TestWebhookServer, answer, encodePatch } from './test-server.js';
import { HttpsTransport } from './transport.js';
import type { AdmissionReview } from './types.js';
import { validatingWebhooks } from './validating.js';

let server: TestWebhookServer;
const transport = new HttpsTransport();
let mutating: MutatingWebhookConfiguration[] = [];
let validating: ValidatingWebhookConfiguration[] = [];
const uids = new SequentialUidSource();
let clock: FakeClock;

function deps() {
  return {
    source: { mutating: () => mutating, validating: () => validating },
    namespaces: namespaces({ default: {} }),
    clock,
    newUid: () => uids.next(),
    transport,
  };
}

function hook(name: string, url: string, over: Partial<ValidatingWebhook> = {}): ValidatingWebhook {
  return {
    name,
    clientConfig: { url, caBundle: server.pki.caBundle },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    sideEffects: 'None',
    ...over,
  };
}

const vcfg = (name: string, ...webhooks: ValidatingWebhook[]): ValidatingWebhookConfiguration => ({ metadata: { name }, webhooks });
const mcfg = (name: string, ...webhooks: ValidatingWebhook[]): MutatingWebhookConfiguration => ({ metadata: { name }, webhooks });

async function rejection(p: Promise<void>): Promise<{ code: number; reason: string; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isApiError(err)) throw new Error(`expected an ApiError, got ${String(err)}`);
  const s = err.toStatus();
  return { code: s.code, reason: String(s.reason), message: s.message ?? '' };
}

let deadUrl: string;

beforeAll(async () => {
  server = await TestWebhookServer.start();
  const dead = await TestWebhookServer.start();
  deadUrl = dead.url('/gone');
  await dead.close();
});
afterAll(async () => {
  transport.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  mutating = [];
  validating = [];
  clock = new FakeClock();
});

describe('validating webhooks', () => {
  it('rejects a forbidden image with the webhook message', async () => {
    server.on('/images', (review) => {
      const images = ((review.request!.object!.spec as { containers: { image: string }[] }).containers ?? []).map((c) => c.image);
      const bad = images.find((i) => i.endsWith(':latest'));
      return answer(review, bad ? { allowed: false, status: { code: 403, reason: 'Forbidden', message: `image ${bad} is not allowed` } } : { allowed: true });
    });
    validating = [vcfg('images', hook('images.skiff.test', server.url('/images')))];
    const plugin = validatingWebhooks(deps());
    await plugin.validate(attrsFor(pod('ok')));
    const bad = pod('bad', { containers: [{ name: 'c', image: 'nginx:latest' }] });
    expect(await rejection(plugin.validate(attrsFor(bad)))).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: 'admission webhook "images.skiff.test" denied the request: image nginx:latest is not allowed',
    });
  });

  it('defaults a denial without status to 400 "without explanation" and keeps an unknown reason verbatim', async () => {
    server.on('/bare', (review) => answer(review, { allowed: false }));
    server.on('/odd', (review) => answer(review, { allowed: false, status: { code: 200, reason: 'PolicyViolation' } }));
    validating = [vcfg('a', hook('bare.skiff.test', server.url('/bare')))];
    expect(await rejection(validatingWebhooks(deps()).validate(attrsFor(pod('p'))))).toEqual({ code: 400, reason: '', message: 'admission webhook "bare.skiff.test" denied the request without explanation' });
    validating = [vcfg('a', hook('odd.skiff.test', server.url('/odd')))];
    expect(await rejection(validatingWebhooks(deps()).validate(attrsFor(pod('p'))))).toEqual({ code: 400, reason: 'PolicyViolation', message: 'admission webhook "odd.skiff.test" denied the request: PolicyViolation' });
  });

  it('calls matching webhooks in parallel and reports the first error in webhook order', async () => {
    const held: (() => void)[] = [];
    const holdThen = (reply: (review: AdmissionReview) => Reply) => (review: AdmissionReview) =>
      new Promise<Reply>((resolve) => held.push(() => resolve(reply(review))));
    server.on('/one', holdThen((r) => answer(r, { allowed: false, status: { message: 'one says no' } })));
    server.on('/two', holdThen((r) => answer(r, { allowed: false, status: { message: 'two says no' } })));
    validating = [vcfg('b', hook('two.skiff.test', server.url('/two'))), vcfg('a', hook('one.skiff.test', server.url('/one')))];
    const result = rejection(validatingWebhooks(deps()).validate(attrsFor(pod('p'))));
    // Both requests are in flight before either is answered: the calls run in parallel.
    await server.waitForRequests(2);
    // Answer in reverse arrival order; the reported error is still the first webhook's (configuration "a").
    for (const release of held.reverse()) release();
    expect((await result).message).toBe('admission webhook "one.skiff.test" denied the request: one says no');
  });
});

describe('failurePolicy', () => {
  it('Ignore lets the request through when the webhook is down, with a warning', async () => {
    validating = [vcfg('a', hook('down.skiff.test', deadUrl, { failurePolicy: 'Ignore' }))];
    const attrs = attrsFor(pod('p'));
    await validatingWebhooks(deps()).validate(attrs);
    expect(attrs.warnings).toHaveLength(1);
    expect(attrs.warnings![0]).toMatch(/^failed calling webhook "down.skiff.test": failed to call webhook: Post "https:\/\/127.0.0.1:\d+\/gone\?timeout=10s": .*ECONNREFUSED.*\(ignored: failurePolicy is Ignore\)$/);
  });

  it('Fail (the default) blocks the request with a 500 naming the webhook', async () => {
    mutating = [mcfg('a', hook('down.skiff.test', deadUrl))];
    const got = await rejection(mutatingWebhooks(deps()).mutate(attrsFor(pod('p'))));
    expect(got.code).toBe(500);
    expect(got.reason).toBe('InternalError');
    expect(got.message).toMatch(/^Internal error occurred: failed calling webhook "down.skiff.test": failed to call webhook: Post ".*": .*ECONNREFUSED/);
  });

  it('gives up on a webhook that does not answer within timeoutSeconds (Fail → 500, Ignore → allowed)', async () => {
    server.on('/slow', () => 'hang');
    mutating = [mcfg('a', hook('slow.skiff.test', server.url('/slow'), { timeoutSeconds: 2 }))];
    const pending = rejection(mutatingWebhooks(deps()).mutate(attrsFor(pod('p'))));
    await server.waitForRequests(1);
    expect(server.received[0]!.query.get('timeout')).toBe('2s');
    await clock.advanceAsync(1999);
    expect(clock.pendingTimers).toBe(1);
    await clock.advanceAsync(1);
    const got = await pending;
    expect(got.code).toBe(500);
    expect(got.message).toMatch(/failed calling webhook "slow.skiff.test": failed to call webhook: Post ".*\?timeout=2s": context deadline exceeded$/);

    validating = [vcfg('a', hook('slow.skiff.test', server.url('/slow'), { timeoutSeconds: 1, failurePolicy: 'Ignore' }))];
    const attrs = attrsFor(pod('p'));
    const allowed = validatingWebhooks(deps()).validate(attrs);
    await server.waitForRequests(2);
    await clock.advanceAsync(1000);
    await allowed;
    expect(attrs.warnings![0]).toContain('context deadline exceeded');
  });

  it('caps timeoutSeconds at 30', async () => {
    server.on('/slow', () => 'hang');
    validating = [vcfg('a', hook('slow.skiff.test', server.url('/slow'), { timeoutSeconds: 300, failurePolicy: 'Ignore' }))];
    const done = validatingWebhooks(deps()).validate(attrsFor(pod('p')));
    await server.waitForRequests(1);
    expect(server.received[0]!.query.get('timeout')).toBe('30s');
    await clock.advanceAsync(30_000);
    await done;
  });
});

describe('malformed AdmissionReview responses', () => {
  const ok = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' };
  const cases: { name: string; mutating?: boolean; reply: (r: AdmissionReview) => Reply; reason: string }[] = [
    { name: 'not JSON', reply: () => ({ raw: '{"response": ' }), reason: 'received invalid webhook response: response is not JSON' },
    { name: 'a JSON list', reply: () => ({ raw: '[]' }), reason: 'received invalid webhook response: response is not a JSON object' },
    { name: 'wrong kind', reply: (r) => ({ body: { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', response: { uid: r.request!.uid, allowed: true } } }), reason: 'received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got admission.k8s.io/v1beta1, Kind=AdmissionReview' },
    { name: 'missing response', reply: () => ({ body: ok }), reason: 'received invalid webhook response: webhook response was absent' },
    { name: 'wrong uid', reply: () => ({ body: { ...ok, response: { uid: 'nope', allowed: true } } }), reason: 'received invalid webhook response: expected response.uid=' },
    { name: 'allowed not a boolean', reply: (r) => answer(r, { allowed: 'yes' }), reason: 'response.allowed is not a boolean' },
    { name: 'warnings not strings', reply: (r) => answer(r, { allowed: true, warnings: [1] }), reason: 'response.warnings is not a list of strings' },
    { name: 'non-2xx', reply: () => ({ status: 502, raw: 'bad gateway' }), reason: 'failed to call webhook: the server responded with HTTP 502: bad gateway' },
    { name: 'patch from a validating webhook', mutating: false, reply: (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([]) }), reason: 'validating webhook may not return response.patch' },
    { name: 'patch without patchType', mutating: true, reply: (r) => answer(r, { allowed: true, patch: encodePatch([]) }), reason: 'webhook returned response.patch but not response.patchType' },
    { name: 'patchType without patch', mutating: true, reply: (r) => answer(r, { allowed: true, patchType: 'JSONPatch' }), reason: 'webhook returned response.patchType but not response.patch' },
    { name: 'unsupported patchType', mutating: true, reply: (r) => answer(r, { allowed: true, patchType: 'MergePatch', patch: encodePatch({}) }), reason: 'unsupported patch type "MergePatch"' },
    { name: 'patch not base64', mutating: true, reply: (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: '%%%' }), reason: 'response.patch is not base64 data' },
    { name: 'patch not JSON', mutating: true, reply: (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: Buffer.from('[{').toString('base64') }), reason: 'received undecodable patch in webhook response' },
    { name: 'patch not a list', mutating: true, reply: (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: encodePatch({ op: 'add' }) }), reason: 'received undecodable patch in webhook response' },
  ];

  for (const c of cases) {
    it(`fails closed with a clean 500 and fails open with a warning: ${c.name}`, async () => {
      server.on('/bad', c.reply);
      const isMutating = c.mutating ?? true;
      const run = (policy: 'Fail' | 'Ignore', attrs = attrsFor(pod('p'))) => {
        const h = hook('bad.skiff.test', server.url('/bad'), { failurePolicy: policy });
        if (isMutating) {
          mutating = [mcfg('a', h)];
          return mutatingWebhooks(deps()).mutate(attrs);
        }
        validating = [vcfg('a', h)];
        return validatingWebhooks(deps()).validate(attrs);
      };
      const got = await rejection(run('Fail'));
      expect(got).toMatchObject({ code: 500, reason: 'InternalError' });
      expect(got.message).toContain('Internal error occurred: failed calling webhook "bad.skiff.test": ');
      expect(got.message).toContain(c.reason);
      const attrs = attrsFor(pod('p'));
      await run('Ignore', attrs);
      expect(attrs.warnings!.join('\n')).toContain(c.reason);
      expect(attrs.object!.metadata.labels).toBeUndefined();
    });
  }

  it('refuses a patch that does not apply with a 500 even under Ignore, leaving the object untouched', async () => {
    server.on('/bad', (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'replace', path: '/spec/nothing/here', value: 1 }]) }));
    mutating = [mcfg('a', hook('bad.skiff.test', server.url('/bad'), { failurePolicy: 'Ignore' }))];
    const attrs = attrsFor(pod('p'));
    const before = structuredClone(attrs.object);
    const got = await rejection(mutatingWebhooks(deps()).mutate(attrs));
    expect(got).toMatchObject({ code: 500, reason: 'InternalError' });
    expect(attrs.object).toEqual(before);
  });

  it('refuses a patch that changes the kind', async () => {
    server.on('/bad', (r) => answer(r, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'replace', path: '/kind', value: 'Secret' }]) }));
    mutating = [mcfg('a', hook('bad.skiff.test', server.url('/bad')))];
    const got = await rejection(mutatingWebhooks(deps()).mutate(attrsFor(pod('p'))));
    expect(got.message).toContain('may not change apiVersion or kind');
  });

  it('refuses a response larger than the configured bound', async () => {
    server.on('/big', (r) => answer(r, { allowed: true, warnings: ['x'.repeat(5000)] }));
    validating = [vcfg('a', hook('big.skiff.test', server.url('/big')))];
    const got = await rejection(validatingWebhooks({ ...deps(), maxResponseBytes: 1024 }).validate(attrsFor(pod('p'))));
    expect(got.message).toContain('response body exceeds 1024 bytes');
  });

  it('refuses plain-http webhook URLs', async () => {
    validating = [vcfg('a', hook('http.skiff.test', 'http://127.0.0.1:1/x'))];
    const got = await rejection(validatingWebhooks(deps()).validate(attrsFor(pod('p'))));
    expect(got.message).toContain('webhooks are called over https only');
  });
});
