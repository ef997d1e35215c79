import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, SequentialUidSource } from '../../machinery/index.js';
import { type AuditEntry, goDuration, microTime } from './event.js';
import { AuditLogger, type AuditLoggerOptions, type AuditSink } from './logger.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skiff-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const clock = new FakeClock(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
const start = clock.now() - 12;

function options(over: Partial<AuditLoggerOptions> = {}): AuditLoggerOptions & { errors: unknown[] } {
  const errors: unknown[] = [];
  const uids = new SequentialUidSource();
  return { level: 'Metadata', clock, newId: () => uids.next(), reportError: (e) => errors.push(e), errors, ...over };
}

const create: AuditEntry = {
  requestURI: '/api/v1/namespaces/default/pods?fieldManager=kubectl',
  verb: 'create',
  user: { username: 'alice', groups: ['devs', 'system:authenticated'] },
  sourceIPs: ['10.0.0.7'],
  userAgent: 'kubectl/v1.32.0',
  objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiGroup: '', apiVersion: 'v1' },
  responseStatus: { code: 201 },
  requestReceivedAt: start,
  requestObject: { kind: 'Pod', metadata: { name: 'web' } },
  responseObject: { kind: 'Pod', metadata: { name: 'web', uid: 'u' } },
};

async function lines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('AuditLogger', () => {
  it('writes one valid audit.k8s.io/v1 Event JSON line per request', async () => {
    const path = join(dir, 'audit.log');
    const logger = await AuditLogger.open(path, options());
    logger.log(create);
    logger.log({ ...create, verb: 'get', requestURI: '/api/v1/namespaces/default/pods/nope', responseStatus: { code: 404, status: 'Failure', reason: 'NotFound', message: 'pods "nope" not found' }, auditID: 'fixed-id' });
    await logger.close();
    const [first, second] = await lines(path);
    expect(first).toEqual({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: '00000000-0000-4000-8000-000000000001',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/pods?fieldManager=kubectl',
      verb: 'create',
      user: { username: 'alice', groups: ['devs', 'system:authenticated'] },
      sourceIPs: ['10.0.0.7'],
      userAgent: 'kubectl/v1.32.0',
      objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiGroup: '', apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 201 },
      requestReceivedTimestamp: '2026-01-02T03:04:05.666000Z',
      stageTimestamp: '2026-01-02T03:04:05.678000Z',
      annotations: { 'apiserver.latency.k8s.io/total': '12ms' },
    });
    expect(second).toMatchObject({ auditID: 'fixed-id', verb: 'get', responseStatus: { metadata: {}, code: 404, status: 'Failure', reason: 'NotFound', message: 'pods "nope" not found' } });
  });

  it('includes the request body at level Request and both bodies at RequestResponse', async () => {
    const path = join(dir, 'bodies.log');
    const logger = await AuditLogger.open(path, options({ level: 'Request' }));
    logger.log(create);
    logger.log({ ...create, level: 'RequestResponse' });
    logger.log({ ...create, level: 'None' });
    await logger.close();
    const [req, reqResp, ...rest] = await lines(path);
    expect(req!.requestObject).toEqual(create.requestObject);
    expect(req).not.toHaveProperty('responseObject');
    expect(reqResp).toMatchObject({ level: 'RequestResponse', requestObject: create.requestObject, responseObject: create.responseObject });
    expect(rest).toEqual([]);
  });

  it('applies a per-request policy and logs nothing at None', async () => {
    const path = join(dir, 'policy.log');
    const logger = await AuditLogger.open(path, options({ level: 'None', policy: (e) => (e.verb === 'get' ? 'None' : 'Metadata') }));
    logger.log({ ...create, verb: 'get' });
    logger.log(create);
    await logger.close();
    expect((await lines(path)).map((l) => l.verb)).toEqual(['create']);
  });

  it('appends to an existing file', async () => {
    const path = join(dir, 'append.log');
    for (let i = 0; i < 2; i++) {
      const logger = await AuditLogger.open(path, options());
      logger.log(create);
      await logger.close();
    }
    expect(await lines(path)).toHaveLength(2);
  });

  it('never blocks: with a stalled sink, log returns at once and drops beyond the bound', async () => {
    const written: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sink: AuditSink = {
      write: async (text) => {
        await gate;
        written.push(text);
      },
      close: () => Promise.resolve(),
    };
    const logger = new AuditLogger(sink, options({ maxQueuedEvents: 3, maxBatch: 2 }));
    for (let i = 0; i < 10; i++) logger.log({ ...create, auditID: `id-${i}` });
    // The first event is being written (taken off the queue), three more wait, the rest are dropped.
    expect(logger.dropped).toBe(6);
    release();
    await logger.close();
    const ids = written.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as { auditID: string }).auditID);
    expect(ids).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
    logger.log(create);
    expect(logger.dropped).toBe(7);
  });

  it('reports write failures and keeps going', async () => {
    let fail = true;
    const written: string[] = [];
    const sink: AuditSink = {
      write: (text) => (fail ? Promise.reject(new Error('disk full')) : (written.push(text), Promise.resolve())),
      close: () => Promise.resolve(),
    };
    const opts = options();
    const logger = new AuditLogger(sink, opts);
    logger.log(create);
    await logger.flush();
    fail = false;
    logger.log(create);
    await logger.close();
    expect(opts.errors).toHaveLength(1);
    expect(logger.dropped).toBe(1);
    expect(written).toHaveLength(1);
  });

  it('keeps the metadata of an event whose bodies cannot be serialized', async () => {
    const written: string[] = [];
    const opts = options({ level: 'RequestResponse' });
    const logger = new AuditLogger({ write: (t) => (written.push(t), Promise.resolve()), close: () => Promise.resolve() }, opts);
    logger.log({ ...create, requestObject: { n: 1n } });
    await logger.close();
    expect(JSON.parse(written[0]!)).toMatchObject({ verb: 'create' });
    expect(JSON.parse(written[0]!)).not.toHaveProperty('requestObject');
    expect(opts.errors).toHaveLength(1);
  });
});

describe('audit formats', () => {
  it('renders MicroTime and Go durations', () => {
    expect(microTime(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000000Z');
    expect([0, 7, 999, 1000, 1500, 61_004, 3_600_000].map(goDuration)).toEqual(['0s', '7ms', '999ms', '1s', '1.5s', '1m1.004s', '1h0m0s']);
  });
});
