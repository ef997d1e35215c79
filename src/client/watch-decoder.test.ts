import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.js';
import { isResourceExpired, resourceExpired } from '../machinery/index.js';
import { isClientError } from './errors.js';
import { LineDecoder, checkWatchEvents, decodeWatchLine, decodeWatchStream, type WatchEvent } from './watch-decoder.js';

const enc = new TextEncoder();

function event(type: string, name: string, rv: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type, object: { kind: 'ConfigMap', metadata: { name, resourceVersion: rv }, data: extra } });
}

async function* chunks(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    yield bytes.slice(at, c);
    at = c;
  }
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<WatchEvent<KubeObject>[]> {
  const out: WatchEvent<KubeObject>[] = [];
  for await (const ev of decodeWatchStream(body)) out.push(ev);
  return out;
}

describe('decodeWatchStream', () => {
  // Non-ASCII data so that some split points fall inside multi-byte UTF-8 sequences.
  const text = [event('ADDED', 'a', '1', { k: 'héllo ✓ 🚀' }), event('MODIFIED', 'a', '2'), event('BOOKMARK', '', '3'), event('DELETED', 'a', '4', { z: 'ü' })].join('\n') + '\n';
  const bytes = enc.encode(text);

  it('decodes the same events for every single split point', async () => {
    const whole = await collect(chunks(bytes, []));
    expect(whole.map((e) => `${e.type}@${e.object.metadata.resourceVersion}`)).toEqual(['ADDED@1', 'MODIFIED@2', 'BOOKMARK@3', 'DELETED@4']);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await collect(chunks(bytes, [cut]))).toEqual(whole);
    }
  });

  it('decodes the same events when every byte is its own chunk', async () => {
    const whole = await collect(chunks(bytes, []));
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await collect(chunks(bytes, cuts))).toEqual(whole);
  });

  it('decodes a last line that has no newline and tolerates CRLF and blank lines', async () => {
    const body = enc.encode(`${event('ADDED', 'a', '1')}\r\n\n${event('ADDED', 'b', '2')}`);
    const evs = await collect(chunks(body, [body.indexOf(13) + 1]));
    expect(evs.map((e) => e.object.metadata.resourceVersion)).toEqual(['1', '2']);
  });

  it('throws the ApiError of an ERROR event after yielding the events before it', async () => {
    const status = resourceExpired('too old resource version: 1 (5)').toStatus();
    const body = enc.encode(`${event('ADDED', 'a', '6')}\n${JSON.stringify({ type: 'ERROR', object: status })}\n`);
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const ev of decodeWatchStream(chunks(body, [7]))) seen.push(ev.type);
    } catch (err) {
      caught = err;
    }
    expect(seen).toEqual(['ADDED']);
    expect(isResourceExpired(caught)).toBe(true);
    expect((caught as Error).message).toBe('too old resource version: 1 (5)');
  });
});

describe('decodeWatchLine', () => {
  it('rejects malformed lines with a Decode ClientError', () => {
    for (const line of ['{not json', '{"type":"ADDED"}', '{"type":"WHAT","object":{"metadata":{}}}', '{"type":"ADDED","object":{}}']) {
      let caught: unknown;
      try {
        decodeWatchLine(line);
      } catch (err) {
        caught = err;
      }
      expect(isClientError(caught, 'Decode'), line).toBe(true);
    }
  });
});

describe('LineDecoder', () => {
  it('keeps a partial line until its newline arrives', () => {
    const d = new LineDecoder();
    expect(d.push(enc.encode('{"a"'))).toEqual([]);
    expect(d.push(enc.encode(':1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(d.end()).toEqual(['{"b"']);
  });
});

describe('checkWatchEvents (events an in-process transport hands over as objects)', () => {
  async function* from(evs: unknown[]): AsyncGenerator<unknown> {
    yield* evs;
  }

  it('passes well-formed events through as the very same objects', async () => {
    const ev = { type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'a' } } };
    const out: unknown[] = [];
    for await (const e of checkWatchEvents(from([ev]))) out.push(e);
    expect(out).toEqual([ev]);
    expect(out[0]).toBe(ev);
  });

  it('throws the ApiError of an ERROR event and a Decode error for a malformed one, as for JSON lines', async () => {
    const drain = async (evs: unknown[]) => {
      for await (const e of checkWatchEvents(from(evs))) void e;
    };
    const err = await drain([{ type: 'ERROR', object: resourceExpired('too old resource version: 1 (5)').toStatus() }]).catch((e: unknown) => e);
    expect(isResourceExpired(err)).toBe(true);
    const bad = await drain([{ type: 'ADDED', object: { kind: 'ConfigMap' } }]).catch((e: unknown) => e);
    expect(isClientError(bad, 'Decode')).toBe(true);
    expect((bad as Error).message).toContain('has no metadata');
  });
});
