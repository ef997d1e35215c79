import { describe, expect, it } from 'vitest';
import { LocalServerResponse, localIncomingMessage } from './local.js';

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const c of body) out += Buffer.from(c).toString();
  return out;
}

describe('LocalServerResponse', () => {
  it('hands over status, lower-case headers and the body written', async () => {
    const res = new LocalServerResponse();
    res.setHeader('Vary', 'Accept');
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
    const head = await res.head;
    expect(head.status).toBe(201);
    expect(head.headers).toEqual({ vary: 'Accept', 'content-type': 'application/json' });
    expect(await text(head.body)).toBe('{"ok":true}');
  });

  it('streams writes as they come and tells the server when the consumer stops reading', async () => {
    const res = new LocalServerResponse();
    let closed = false;
    res.on('close', () => (closed = true));
    res.writeHead(200);
    res.flushHeaders();
    const it = (await res.head).body[Symbol.asyncIterator]();
    res.write('a\n');
    expect(Buffer.from((await it.next()).value as Uint8Array).toString()).toBe('a\n');
    expect(closed).toBe(false);
    await it.return?.(undefined);
    expect(closed).toBe(true);
    expect(res.write('b\n')).toBe(false);
  });

  it("signals backpressure past the high-water mark and 'drain' once the consumer caught up", async () => {
    const res = new LocalServerResponse({ highWaterMark: 4 });
    res.flushHeaders();
    expect(res.write('12')).toBe(true);
    expect(res.write('345')).toBe(false);
    let drained = false;
    res.on('drain', () => (drained = true));
    const it = (await res.head).body[Symbol.asyncIterator]();
    await it.next();
    expect(drained).toBe(true);
  });

  it('hands watch events over as objects when the caller takes them, with back-pressure by count', async () => {
    const res = new LocalServerResponse({ objectEvents: true });
    expect(res.acceptsObjectEvents).toBe(true);
    res.useObjectEvents();
    res.writeHead(200);
    res.flushHeaders();
    const obj = Object.freeze({ metadata: { name: 'a' } });
    let ok = true;
    for (let i = 0; i < 1024 && ok; i++) ok = res.writeEvent({ type: 'ADDED', object: obj });
    expect(ok).toBe(false);
    let drained = false;
    res.on('drain', () => (drained = true));
    const head = await res.head;
    expect(head.status).toBe(200);
    const it = head.events![Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toEqual({ type: 'ADDED', object: obj });
    // The very object written, not a copy.
    expect((first.value as { object: object }).object).toBe(obj);
    expect(drained).toBe(true);
    expect(() => res.write('bytes')).toThrow('cannot send bytes');
    await it.return?.(undefined);
    expect(res.writeEvent({ type: 'ADDED', object: obj })).toBe(false);
  });

  it('keeps to bytes for a caller that did not ask for objects, or once bytes were written', async () => {
    const plain = new LocalServerResponse();
    expect(plain.acceptsObjectEvents).toBe(false);
    expect(() => plain.useObjectEvents()).toThrow('does not take watch events as objects');
    const mixed = new LocalServerResponse({ objectEvents: true });
    mixed.write('x');
    expect(mixed.acceptsObjectEvents).toBe(false);
    expect(() => mixed.writeEvent({ type: 'ADDED', object: {} })).toThrow('useObjectEvents() was not called');
    expect((await mixed.head).events).toBeUndefined();
  });

  it('rejects the head when destroyed before responding, and when the caller aborts first', async () => {
    const res = new LocalServerResponse();
    res.destroy();
    await expect(res.head).rejects.toThrow('closed the request before responding');
    const ac = new AbortController();
    const aborted = new LocalServerResponse({ signal: ac.signal });
    let closed = false;
    aborted.on('close', () => (closed = true));
    ac.abort();
    await expect(aborted.head).rejects.toThrow();
    expect(closed).toBe(true);
  });
});

describe('localIncomingMessage', () => {
  it('carries method, url, headers with content-length, and the body as a stream', async () => {
    const req = localIncomingMessage({ method: 'POST', url: '/api/v1/pods?x=1', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect([req.method, req.url, req.headers['content-length'], req.headers['content-type']]).toEqual(['POST', '/api/v1/pods?x=1', '7', 'application/json']);
    let body = '';
    for await (const c of req) body += String(c);
    expect(body).toBe('{"a":1}');
  });
});
